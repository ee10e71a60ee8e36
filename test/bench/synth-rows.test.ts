import {describe, expect, it} from 'vitest';
import {synthRows, throughputs, type SynthBenchResult, type SynthRound} from '../../bench/synth.js';
import {runRounds, TooFewRoundsError} from '../../bench/lib/rounds.js';
import type {BenchContext} from '../../bench/lib/context.js';

const MB = 1e6;

/** 5 rounds of 100 MB: generation 0.25 s, plain write 0.2 s + 0.3 s sync, synth 1 s (round 2 slow). */
function result(): SynthBenchResult {
	const rounds: SynthRound[] = [];
	for (let round = 0; round < 5; round++) {
		const slow = round === 2 ? 2 : 1;
		rounds.push(
			{kind: 'generate', round, position: 0, bytes: 100 * MB, seconds: 0.25},
			{kind: 'plain', round, position: 1, bytes: 100 * MB, seconds: 0.5 * slow, writeSeconds: 0.2 * slow, syncSeconds: 0.3 * slow},
			{kind: 'synth', round, position: 2, bytes: 100 * MB, seconds: 1 * slow},
		);
	}
	return {preset: 'p', quant: 'Q8_0', bytes: 100 * MB, fileSystem: {dir: '/tmp/x', type: 'ext2/3/4'}, rounds, loads: []};
}

describe('synth rows', () => {
	it('throughput per round of each kind and part', () => {
		expect(throughputs(result(), 'generate')).toEqual([400, 400, 400, 400, 400]);
		expect(throughputs(result(), 'plain', (r) => r.writeSeconds)).toEqual([500, 500, 250, 500, 500]);
		expect(throughputs(result(), 'synth')).toEqual([100, 100, 50, 100, 100]);
	});

	it('names each quantity for what it is and pairs the ratio per round', () => {
		const rows = synthRows(result());
		const byFigure = Object.fromEntries(rows.map((row) => [row.figure, row]));
		expect(rows[0]!.section).toContain('5 rotated rounds; scratch on ext2/3/4');
		expect(byFigure['generation alone MB/s (streamGguf into a sink that writes nothing)']!.value).toBe('400');
		expect(byFigure['page-cache write throughput MB/s (write() of zeros, same pattern, before fdatasync)']!.spread).toBe('250..500 (n=5)');
		expect(byFigure['plain write + fdatasync MB/s']!.value).toBe('200');
		// Round 2 was slow for both sides: the paired ratio does not move.
		expect(byFigure['synth writer / plain write + fdatasync (paired per round)']!.spread).toBe('0.50..0.50 (n=5)');
		expect(byFigure['synth writer end to end MB/s (generate + write + fdatasync + rename)']!.status).toBe('fail');
	});
});

describe('runRounds', () => {
	const ctx: BenchContext = {dir: '', quick: true, rounds: 5, cores: 2, log: () => undefined, steps: () => undefined, step: () => undefined, llmtopRuns: []};

	it('refuses fewer than 5 rounds', async () => {
		await expect(runRounds(ctx, 'x', [], 4)).rejects.toBeInstanceOf(TooFewRoundsError);
	});

	it('rotates the order every round: a pair runs ABBA', async () => {
		const order: string[] = [];
		const spec = (id: string) => ({
			id,
			run: async () => (order.push(id), {decodeTokPerSec: 1, ttftMs: 1, itlP50Ms: 1, itlP99Ms: 1, itlP99OverP50: 1, outputTokens: 1, promptTokens: 1}),
		});
		await runRounds(ctx, 'x', [spec('A'), spec('B')], 6);
		expect(order.join('')).toBe('ABBAABBAABBA');
	});
});
