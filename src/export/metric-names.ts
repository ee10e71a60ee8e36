/**
 * Every metric llmtop exports to Prometheus (`--metrics-port`,
 * `--pushgateway`): name, type and help, in one table that the exporter
 * registers and docs/fleet.md lists. Every series also carries the labels
 * `host`, `model`, `quantization` and `threads`.
 */

/** One exported metric. */
export interface MetricDoc {
	name: `llmtop_${string}`;
	type: 'gauge' | 'counter' | 'histogram';
	help: string;
	/** Labels besides host, model, quantization and threads. */
	labels: readonly string[];
}

/** Histogram bucket bounds, seconds. */
export const SECONDS_BUCKETS = {
	itl: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
	request: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
	canary: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
} as const;

/** The labels every llmtop series carries. */
export const RUN_LABELS = ['host', 'model', 'quantization', 'threads'] as const;

/** The metrics, by key. */
export const METRICS = {
	processCpu: {
		name: 'llmtop_process_cpu_percent',
		type: 'gauge',
		help: 'Process CPU over the latest sampling interval, % of the machine (all cores = 100).',
		labels: [],
	},
	processCores: {name: 'llmtop_process_cpu_cores', type: 'gauge', help: 'Process CPU over the latest sampling interval, in cores busy.', labels: []},
	inferenceCpu: {
		name: 'llmtop_inference_cpu_percent',
		type: 'gauge',
		help: 'The inference part of the process CPU (process minus observer), % of the machine.',
		labels: [],
	},
	observerCpu: {
		name: 'llmtop_observer_cpu_percent',
		type: 'gauge',
		help: "llmtop's own CPU outside inference (JS main thread, sampler), % of the machine.",
		labels: [],
	},
	systemCpu: {name: 'llmtop_system_cpu_percent', type: 'gauge', help: "The whole machine's CPU (every process), % over the latest interval.", labels: []},
	rss: {name: 'llmtop_process_rss_bytes', type: 'gauge', help: 'Resident memory of the process at the latest sample, bytes.', labels: []},
	rssPeak: {name: 'llmtop_process_rss_peak_bytes', type: 'gauge', help: 'Peak resident memory of the process so far, bytes.', labels: []},
	itl: {
		name: 'llmtop_itl_seconds',
		type: 'histogram',
		help: 'Inter-token latency: every gap between consecutive generated tokens of a prompt, seconds.',
		labels: [],
	},
	ttft: {
		name: 'llmtop_ttft_seconds',
		type: 'histogram',
		help: 'Time to first token per prompt (prompt submitted to first generated token), seconds.',
		labels: [],
	},
	e2e: {name: 'llmtop_e2e_seconds', type: 'histogram', help: 'End-to-end latency per prompt that ended ok (submitted to last token), seconds.', labels: []},
	tokens: {name: 'llmtop_tokens_total', type: 'counter', help: 'Generated tokens.', labels: []},
	prompts: {name: 'llmtop_prompts_total', type: 'counter', help: 'Prompts that ended, by status (ok, aborted, skipped, error).', labels: ['status']},
	canary: {name: 'llmtop_canary_lateness_seconds', type: 'histogram', help: 'Wake-up lateness of the 10 ms canary (interactive delay), seconds.', labels: []},
	psi: {
		name: 'llmtop_psi_cpu_some_share',
		type: 'gauge',
		help: 'Share of time some task stalled on CPU (/proc/pressure/cpu), per run phase, 0 to 1.',
		labels: ['phase'],
	},
	spikes: {
		name: 'llmtop_spikes_total',
		type: 'counter',
		help: 'Spikes detected (short excursions above the rolling baseline), by metric (cpu, itl).',
		labels: ['metric'],
	},
	criterionValue: {
		name: 'llmtop_criterion_value',
		type: 'gauge',
		help: "Each criterion's measured value, in its unit (label unit: %, ms, bytes, ratio, score); absent while it has no value.",
		labels: ['criterion', 'unit'],
	},
	criterionThreshold: {name: 'llmtop_criterion_threshold', type: 'gauge', help: "Each criterion's limit, in its unit.", labels: ['criterion', 'unit']},
	criterionStatus: {
		name: 'llmtop_criterion_status',
		type: 'gauge',
		help: "Each criterion's status, one series per status (pending, pass, fail, skip): 1 for the current one, 0 for the others.",
		labels: ['criterion', 'status'],
	},
	verdict: {
		name: 'llmtop_verdict',
		type: 'gauge',
		help: 'The verdict, one series per value (running, pass, fail, inconclusive): 1 for the current one.',
		labels: ['verdict'],
	},
	phase: {
		name: 'llmtop_run_phase',
		type: 'gauge',
		help: 'The current run phase (load, idle-before, prompts, idle-after, done): 1 for the current one.',
		labels: ['phase'],
	},
	elapsed: {name: 'llmtop_run_elapsed_seconds', type: 'gauge', help: 'Time since the run started, seconds.', labels: []},
	complete: {name: 'llmtop_run_complete', type: 'gauge', help: '1 once the run ended complete, else 0.', labels: []},
} as const satisfies Record<string, MetricDoc>;

/** Every metric, as a list. */
export const METRIC_LIST: readonly MetricDoc[] = Object.values(METRICS);
