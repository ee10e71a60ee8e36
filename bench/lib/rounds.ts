/**
 * Paired, interleaved repetitions: every configuration runs once per round,
 * in an order rotated each round, so the runs compared in a pair are
 * neighbours in time and no configuration always goes first.
 */
import type {BenchContext} from './context.js';
import {fmt} from './table.js';
import type {RunFigures} from './run-figures.js';
import {roundOrder, type Maybe} from './stats.js';

/** One configuration: runs once and returns its figures. */
export interface RunSpec {
	id: string;
	run(round: number): Promise<RunFigures>;
}

/** Figures per configuration id, one entry per round (`null` when that run failed). */
export type RoundResults = Record<string, (RunFigures | null)[]>;

/** Fewest rounds of any timed comparison: fewer cannot tell an effect from the order or the machine's drift. */
export const MIN_ROUNDS = 5;

/** Thrown when a comparison is asked for fewer than {@link MIN_ROUNDS} rounds. */
export class TooFewRoundsError extends Error {
	constructor(readonly rounds: number) {
		super(`${rounds} rounds: every timed comparison runs at least ${MIN_ROUNDS} rotated rounds`);
		this.name = 'TooFewRoundsError';
	}
}

/** Runs every spec `rounds` (>= {@link MIN_ROUNDS}) times, interleaved in rotated order; a failed run is logged and left `null`. */
export async function runRounds(
	ctx: BenchContext,
	label: string,
	specs: readonly RunSpec[],
	rounds: number,
): Promise<{results: RoundResults; errors: string[]}> {
	if (!(rounds >= MIN_ROUNDS)) throw new TooFewRoundsError(rounds);
	const results: RoundResults = Object.fromEntries(specs.map((spec) => [spec.id, Array.from({length: rounds}, () => null)]));
	const errors: string[] = [];
	for (let round = 0; round < rounds; round++) {
		for (const spec of roundOrder(specs, round)) {
			try {
				const figures = await spec.run(round);
				results[spec.id]![round] = figures;
				ctx.step();
				ctx.log(`${label} round ${round + 1}/${rounds} ${spec.id}: ${fmt(figures.decodeTokPerSec, 1)} tok/s, ITL p99 ${fmt(figures.itlP99Ms, 1)} ms`);
			} catch (error) {
				const message = `${label} round ${round + 1} ${spec.id}: ${error instanceof Error ? error.message : String(error)}`;
				errors.push(message);
				ctx.step();
				ctx.log(`FAILED ${message}`);
			}
		}
	}
	return {results, errors};
}

/** One figure of one configuration over the rounds. */
export function series(results: RoundResults, id: string, pick: (figures: RunFigures) => Maybe): Maybe[] {
	return (results[id] ?? []).map((figures) => (figures ? pick(figures) : null));
}
