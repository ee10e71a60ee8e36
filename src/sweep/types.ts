/**
 * Plain data of a sweep: the configurations it runs, what each run gave, and
 * the summary (`DIR/sweep.json`). Everything is JSON-serialisable.
 */
import type {CriterionOp, CriterionStatus, CriterionSpec, SkipClass} from '../run/types.js';

/** The levers a sweep varies: one value of each per configuration. */
export interface SweepConfig {
	/** `--model`: a path, `hf:` URI or `synthetic:PRESET[:QUANT]`. */
	model: string;
	threads?: number;
	/** `--cpu-cap` in % of the machine; absent = no cap (`off`). */
	cpuCap?: number;
	nice?: number;
	batchSize?: number;
	contextSize?: number;
}

/** The names of the swept levers, as flags and as matrix-file keys. */
export const SWEPT_FLAGS = ['model', 'threads', 'cpu-cap', 'nice', 'batch-size', 'context-size'] as const;

/** One of {@link SWEPT_FLAGS}. */
export type SweptFlag = (typeof SWEPT_FLAGS)[number];

/** Values of each swept lever (a lever with one value is not varied). */
export type SweepAxes = {[K in SweptFlag]?: readonly (string | number)[]};

/** How a configuration's run ended, as the sweep sees it. */
export type ConfigStatus = 'pass' | 'fail' | 'inconclusive' | 'failed' | 'interrupted' | 'not-run';

/** A criterion of one configuration, as judged by its run. */
export interface ConfigCriterion {
	id: CriterionSpec['id'];
	label: string;
	op: CriterionOp;
	threshold: number;
	unit: CriterionSpec['unit'];
	value: number | null;
	status: CriterionStatus | 'inconclusive';
	/** Of a skip: by design (never blocks a pass) or for lack of data; absent in reports before issue 12. */
	skipClass?: SkipClass;
	reason: string | null;
}

/** The figures the summary ranks on (from the run's report; `null` when it had none). */
export interface ConfigFigures {
	activeCpuMean: number | null;
	activeCpuP99: number | null;
	idleCpuMean: number | null;
	rssPeakBytes: number | null;
	e2eP95Ms: number | null;
	itlP99OverP50: number | null;
	correctness: number | null;
	decodeTokensPerSec: number | null;
	/** Decode mean / the host's memory-bandwidth ceiling. */
	decodeCeilingFraction: number | null;
	ceilingTokensPerSec: number | null;
}

/** The machine before a run: quiet, or noisy with what was measured. */
export interface QuietNote {
	quiet: boolean;
	othersCpuPct: number | null;
	pressurePct: number | null;
	waitedMs: number;
}

/** One configuration of the sweep and what its run gave. */
export interface ConfigResult {
	/** Short readable prefix and a hash of the normalised configuration. */
	id: string;
	/** `smollm2-135m:Q4_0 t2 cap35`. */
	label: string;
	config: SweepConfig;
	status: ConfigStatus;
	/** True when the report was already in the folder (resumed, not run again). */
	reused: boolean;
	/** Report and events file names, relative to the sweep folder. */
	report: string;
	events: string;
	exitCode: number | null;
	/** Why it failed to run (the child's last stderr line), or `null`. */
	error: string | null;
	durationMs: number | null;
	quiet: QuietNote | null;
	figures: ConfigFigures | null;
	criteria: ConfigCriterion[];
	/** Criteria the run could not judge (too little data, or no data), with why. */
	notJudged: {id: string; reason: string}[];
}

/** By how much one criterion misses its bound. */
export interface CriterionMiss {
	id: string;
	label: string;
	unit: CriterionSpec['unit'];
	op: CriterionOp;
	value: number;
	threshold: number;
	/** |value - threshold|, in the criterion's unit. */
	by: number;
	/** by / threshold (`null` for a zero threshold). */
	relative: number | null;
}

/** What the sweep recommends. */
export type Recommendation =
	| {kind: 'pass'; id: string; why: string}
	| {kind: 'closest'; id: string; why: string; misses: CriterionMiss[]; notJudged: {id: string; reason: string}[]}
	| {kind: 'none'; why: string};
