import {criterionMargin} from '../run/criterion-margin.js';
import {decodeCeiling, formatDecodeCeiling} from '../run/decode-ceiling.js';
import type {RunEvent} from '../run/events.js';
import {formatBinaryBytes, formatCount, formatCriterionValue, formatLevers} from '../run/format.js';
import {selectMetrics, type RunMetrics} from '../run/metrics.js';
import {busyMachineWarning, busyNowLine} from '../run/busy-warning.js';
import {describeReturnToIdle} from '../run/return-to-idle.js';
import {sanitize, sanitizeLine} from '../run/sanitize.js';
import {selectBusyMachine, selectBusyNow, selectCriteria, selectPrompt} from '../run/selectors.js';
import type {RunStore} from '../run/store.js';
import {formatGrowth, formatSoakStatus, isSoak} from '../run/soak-format.js';
import {streamFigures} from '../run/stream-figures.js';
import type {CriterionResult, TargetInfo} from '../run/types.js';
import type {PromptRow} from '../run/view-types.js';

/** Where headless lines go. */
export interface LineSink {
	line(text: string): void;
}

/**
 * The headless view: a line as the model loads, one per prompt as it ends
 * (`try`: followed by the prompt and its answer),
 * warnings as they come, then the summary, criteria table and verdict.
 */
export class HeadlessPrinter {
	readonly #store: RunStore;
	readonly #out: LineSink;

	readonly #live: boolean;
	#saidBusy = false;

	/** With `live: false` only {@link summary} prints (after the dashboard has gone). */
	constructor(store: RunStore, out: LineSink, options: {live?: boolean} = {}) {
		this.#store = store;
		this.#out = out;
		this.#live = options.live ?? true;
	}

	/** Call after the store applied `event`. */
	onEvent(event: RunEvent): void {
		if (!this.#live) return;
		switch (event.type) {
			case 'model-loaded': {
				const m = event.model;
				const c = event.context;
				this.#out.line(
					`model ${m.name} (${m.architecture}, ${m.quantization}, ${formatBinaryBytes(m.sizeBytes)}, ${formatCount(m.parameterCount)} params${m.synthetic ? ', synthetic' : ''}) loaded in ${Math.round(event.loadMs)} ms` +
						(c ? `; threads ${c.threads}, context ${c.contextSize}, batch ${c.batchSize}, gpu layers ${c.gpuLayers}` : ''),
				);
				if (event.target?.kind === 'endpoint') this.#out.line(targetLine(event.target));
				return;
			}
			case 'warning':
				this.#out.line(`warning: ${event.message}`);
				return;
			case 'prompt-end': {
				const row = selectPrompt(this.#store, event.promptId);
				if (!row) return;
				this.#out.line(promptLine(row, isSoak(this.#store.runStart?.config)));
				// `try` is for reading answers: each one follows its costs.
				if (this.#store.runStart?.mode === 'try') for (const text of answerLines(row)) this.#out.line(text);
				return;
			}
			case 'sample':
				this.#busyOnce();
				return;
			case 'run-start':
			case 'phase':
			case 'prompt-start':
			case 'token':
			case 'pause':
			case 'run-end':
				return;
			default:
				event satisfies never;
		}
	}

	/** Says once, live, when other processes first make the machine busy (the summary gives the run's judgement). */
	#busyOnce(): void {
		if (this.#saidBusy) return;
		const line = busyNowLine(selectBusyNow(this.#store));
		if (!line) return;
		this.#saidBusy = true;
		this.#out.line(`warning: ${line}`);
	}

	/** The summary of metrics (with where the report and events went, when known), the criteria table and the verdict. */
	summary(saved?: string): void {
		const host = this.#store.runStart?.host;
		const cores = host?.cpusAvailable ?? host?.logicalCores ?? 1;
		const metrics = selectMetrics(this.#store);
		const idleAfter = this.#store.clock.span('idle-after', this.#store.now);
		const backToIdle = describeReturnToIdle({
			returnToIdleMs: metrics.returnToIdleMs,
			lastTokenT: this.#store.prompts.lastTokenT,
			idleBeforeSamples: this.#store.samples.idleBeforeCpu.count,
			idleAfterMs: idleAfter?.durationMs ?? null,
		});
		for (const text of summaryLines(metrics, cores, backToIdle)) this.#out.line(text);
		const soak = soakLine(this.#store);
		if (soak) this.#out.line(soak);
		const ceiling = decodeCeiling(host?.memoryBandwidth?.readBytesPerSec, this.#store.model?.sizeBytes, metrics.decodeTokensPerSec.mean);
		if (ceiling) this.#out.line(`  decode limit  ${formatDecodeCeiling(ceiling)}`);
		const stream = streamFigures(this.#store.stream);
		if (stream) {
			this.#out.line(
				`  stream        ${stream.multiTokenEvents} of ${stream.events} events carried more than one token (${stream.mergedTokens} merged of ${stream.tokens} tokens, counted by ${stream.countedBy})${stream.itlDistorted ? ': ITL figures are distorted by chunking' : ''}`,
			);
		}
		const levers = formatLevers(this.#store.runStart?.config);
		if (levers) this.#out.line(`  levers        ${levers}`);
		const busy = selectBusyMachine(this.#store).run;
		if (busy) this.#out.line(`  other load    ${busy.evidence}: ${busy.busy ? 'busy' : 'quiet enough'}`);
		const warning = busyMachineWarning(busy, this.#store.runStart?.config.allowBusy === true);
		if (warning) this.#out.line(`warning: ${warning.message}`);
		if (saved) this.#out.line(`  saved         ${saved}`);
		const criteria = selectCriteria(this.#store);
		this.#out.line('criteria');
		for (const result of criteria.results) this.#out.line(criterionLine(result));
		this.#out.line(`verdict: ${criteria.verdict.toUpperCase()}${criteria.progress === 'interrupted' ? ' (run interrupted: partial data)' : ''}`);
	}
}

/** `  soak          pass 3/3, 3 complete; RSS growth +1.2 MiB/h over 3 passes over 6:10`; `null` for a run that is not a soak. */
function soakLine(store: RunStore): string | null {
	const status = formatSoakStatus(store.runStart?.config, store.passes.counts, store.clock.span('prompts', store.now)?.durationMs ?? null);
	if (status === null) return null;
	return `  soak          ${status}, ${store.passes.counts.complete} complete; RSS growth ${formatGrowth(store.passes.growth())}`;
}

function promptLine(row: PromptRow, soak: boolean): string {
	const parts = [
		`[${(row.index ?? 0) + 1}] ${row.id}`,
		soak ? `pass ${row.pass}` : undefined,
		row.state === 'ok' ? undefined : row.state.toUpperCase(),
		`prompt ${row.promptTokens ?? '—'} tok`,
		`output ${row.outputTokens} tok`,
		`TTFT ${ms(row.ttftMs)}${row.cold ? ' (cold)' : ''}`,
		`E2E ${ms(row.e2eMs)}`,
		`decode ${num(row.decodeTokensPerSec, 1)} tok/s`,
		`ITL p99 ${ms(row.itl?.p99 ?? null)}`,
		`score ${row.score === null ? '—' : row.score.toFixed(2)}`,
		row.failedChecks.length ? `failed: ${row.failedChecks.map((check) => check.description).join('; ')}` : undefined,
		row.reason && row.state !== 'ok' ? `(${row.reason})` : undefined,
	];
	return parts.filter(Boolean).join('  ');
}

/** A tryout's prompt and answer, indented under its costs line; untrusted text is made printable. */
export function answerLines(row: Pick<PromptRow, 'prompt' | 'response'>): string[] {
	const lines = row.prompt === null ? [] : [`  > ${sanitizeLine(row.prompt)}`];
	const answer = sanitize(row.response).trim();
	if (answer === '') return [...lines, row.response === '' ? '  (no answer)' : '  (a blank answer: only whitespace)'];
	const body = answer.split(/\r?\n/).map((text) => `  ${text}`.trimEnd());
	// A run of blank lines becomes one.
	return [...lines, ...body.filter((text, index) => text !== '' || body[index - 1] !== '')];
}

function summaryLines(m: RunMetrics, logicalCores: number, backToIdle: string): string[] {
	const cores = (pct: number | null): string => (pct === null ? '' : ` (${((pct / 100) * logicalCores).toFixed(2)} cores)`);
	const lines = [
		'summary',
		`  CPU idle      mean ${pct(m.cpu.idle.mean)}${cores(m.cpu.idle.mean)}, without llmtop's own thread ${pct(m.cpu.idle.meanExcludingObserver)}; p99 ${pct(m.cpu.idle.p99)}`,
		`  CPU active    mean ${pct(m.cpu.active.mean)}${cores(m.cpu.active.mean)}, p50 ${pct(m.cpu.active.p50)}, p99 ${pct(m.cpu.active.p99)}, max ${pct(m.cpu.active.max)}`,
		`  observer CPU  idle ${pct(m.observerCpu.idle.mean)}, active ${pct(m.observerCpu.active.mean)} (llmtop's JS thread)`,
		`  RSS           peak ${bytes(m.rss.peakBytes)}, mean ${bytes(m.rss.meanBytes)}, rise at load ${bytes(m.rss.riseAtLoadBytes)}`,
		`  latency E2E   mean ${ms(m.latency.mean)}, p50 ${ms(m.latency.p50)}, p95 ${ms(m.latency.p95)}, p99 ${ms(m.latency.p99)}, max ${ms(m.latency.max)}`,
		`  TTFT          cold ${ms(m.ttft.coldMs)}, warm mean ${ms(m.ttft.warmMean)}, p95 ${ms(m.ttft.p95)}`,
		`  ITL           p50 ${ms(m.itl.p50)}, p95 ${ms(m.itl.p95)}, p99 ${ms(m.itl.p99)}, max ${ms(m.itl.max)}, p99/p50 ${num(m.itl.p99OverP50, 2)}`,
		`  decode        mean ${num(m.decodeTokensPerSec.mean, 1)} tok/s; prefill mean ${num(m.prefillTokensPerSec.mean, 1)} tok/s`,
		`  spikes        ${m.spikes.count} (CPU ${m.spikes.cpu}, ITL ${m.spikes.itl}); back to idle ${backToIdle}`,
	];
	const delay = m.canary?.phases.prompts ?? null;
	if (m.canary) {
		lines.push(
			`  interactive delay (canary lateness) while prompts run: p50 ${ms(delay?.p50 ?? null)}, p99 ${ms(delay?.p99 ?? null)}, max ${ms(delay?.max ?? null)}`,
		);
	}
	const psi = m.psi?.prompts ?? null;
	if (psi)
		lines.push(
			`  CPU pressure  ${pct(psi.share === null ? null : psi.share * 100)} of the time some task waited for a CPU while prompts ran (${ms(psi.stallMs)} stalled)`,
		);
	if (m.loadWorkers) {
		lines.push(
			`  load workers  ${num(m.loadWorkers.idleOpsPerSec, 0)} ops/s idle, ${num(m.loadWorkers.activeOpsPerSec, 0)} ops/s while prompts ran (x${num(m.loadWorkers.activeOverIdle, 2)})`,
		);
	}
	if (m.correctness.scored > 0) {
		const ceiling = m.correctness.gamedCeiling === undefined ? '' : `; gamed ceiling ${num(m.correctness.gamedCeiling, 2)} (llmtop suite check)`;
		lines.push(`  correctness   mean ${num(m.correctness.mean, 2)}, min ${num(m.correctness.min, 2)} over ${m.correctness.scored} prompts${ceiling}`);
	}
	return lines;
}

function criterionLine(result: CriterionResult): string {
	const glyph = {pass: '✓ pass', fail: '✗ FAIL', pending: '… pending', skip: '- skip'}[result.status];
	const compare = `${formatCriterionValue(result.value, result.unit)} ${result.op} ${formatCriterionValue(result.threshold, result.unit)}`;
	// A judged criterion says by how much (`+3.3 points over`); one not judged says why.
	const why = criterionMargin(result) ?? result.reason;
	return `  ${glyph.padEnd(10)} ${result.id.padEnd(22)} ${compare}${why ? `  (${why})` : ''}`;
}

const ms = (value: number | null): string => formatCriterionValue(value, 'ms');
const pct = (value: number | null): string => formatCriterionValue(value, '%');
const bytes = (value: number | null): string => formatCriterionValue(value, 'bytes');

function num(value: number | null, digits: number): string {
	return value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** The headless line naming an endpoint target: server, URL, how it runs and what is sampled. */
function targetLine(target: TargetInfo): string {
	const server = target.server ? `${target.server.name}${target.server.version ? ` ${target.server.version}` : ''}` : 'server';
	const how = target.launched
		? `launched by llmtop (PID ${target.pid ?? '?'}; stopped at the end)`
		: target.pid === undefined
			? 'attached without --pid: latency only, cost not measured'
			: `attached (PID ${target.pid}, never stopped)`;
	return `target ${server} at ${target.url ?? '?'}, model ${target.serverModel ?? '?'}: ${how}; CPU and RSS are its process tree's, llmtop's own is the observer`;
}
