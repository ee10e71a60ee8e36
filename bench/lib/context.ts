/**
 * What every benchmark section gets: scratch space, a progress log, and a
 * register of every llmtop run made (their idle phases are checked for false
 * spikes).
 */
import type {RunFigures} from './run-figures.js';
import type {BenchRow} from './table.js';

/** Shared state of one `npm run bench`. */
export interface BenchContext {
	/** Scratch directory for suites, reports and events. */
	dir: string;
	/** A progress line on stderr. */
	log(line: string): void;
	/** Every llmtop run of the benchmark, by name. */
	llmtopRuns: {name: string; mode: 'headless' | 'dashboard'; figures: RunFigures}[];
}

/** What a section returns: its table rows and the raw data for results.json. */
export interface SectionResult {
	rows: BenchRow[];
	data: unknown;
}
