/**
 * What every benchmark section gets: scratch space, settings, a progress log
 * with steps for the ETA, and a register of every llmtop run made (their
 * idle phases are checked for false spikes).
 */
import type {RunFigures} from './run-figures.js';
import type {BenchRow} from './table.js';

/** Shared state of one `npm run bench`. */
export interface BenchContext {
	/** Scratch directory for suites, reports and events (removed on exit). */
	dir: string;
	quick: boolean;
	/** Rounds of every rotated comparison (>= 5). */
	rounds: number;
	/** Logical cores of the machine. */
	cores: number;
	/** A progress line on stderr (with elapsed time and ETA). */
	log(line: string): void;
	/** Declares how many steps the running section will take (its share of the ETA). */
	steps(total: number): void;
	/** One step of the running section is done. */
	step(): void;
	/** Every llmtop run of the benchmark, by name. */
	llmtopRuns: {name: string; mode: 'headless' | 'dashboard'; figures: RunFigures}[];
}

/** What a section returns: its table rows and the raw data for results.json. */
export interface SectionResult {
	rows: BenchRow[];
	data: unknown;
}
