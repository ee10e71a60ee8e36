import {describe, expect, it} from 'vitest';
import {LatenessDecoder, WakeSchedule, summarizeLateness} from '../../src/sampler/index.js';

/** Runs the canary's rule over scripted wake-up times: returns each wake's deadline and lateness. */
function simulate(periodMs: number, wakes: number[]): {deadline: number; late: number}[] {
	const schedule = new WakeSchedule(0, periodMs);
	return wakes.map((now) => {
		const deadline = schedule.deadline;
		return {deadline, late: schedule.wake(now)};
	});
}

describe('WakeSchedule (canary lateness from wake-up times)', () => {
	it('measures each wake-up against its absolute deadline, without accumulating', () => {
		const result = simulate(10, [10.1, 20.3, 30.05, 40, 50.2]);
		expect(result.map((r) => r.deadline)).toEqual([10, 20, 30, 40, 50]);
		expect(result.map((r) => Math.round(r.late * 1000) / 1000)).toEqual([0.1, 0.3, 0.05, 0, 0.2]);
	});

	it('skips grid points missed by a long stall (one value, no catch-up burst)', () => {
		const result = simulate(10, [10.2, 47, 50.1, 60]);
		expect(result.map((r) => r.deadline)).toEqual([10, 20, 50, 60]);
		expect(result.map((r) => Math.round(r.late * 1000) / 1000)).toEqual([0.2, 27, 0.1, 0]);
	});

	it('a wake-up exactly one period late moves two grid points on', () => {
		const result = simulate(10, [20, 30, 40]);
		expect(result.map((r) => r.deadline)).toEqual([10, 30, 40]);
		expect(result.map((r) => r.late)).toEqual([10, 0, 0]);
	});

	it('counts an early wake-up as on time', () => {
		const result = simulate(10, [9.5, 20]);
		expect(result.map((r) => r.late)).toEqual([0, 0]);
		expect(result.map((r) => r.deadline)).toEqual([10, 20]);
	});

	it('rejects a non-positive period', () => {
		expect(() => new WakeSchedule(0, 0)).toThrow(RangeError);
	});
});

describe('summarizeLateness', () => {
	it('summarizes scripted lateness (nearest rank)', () => {
		const late = simulate(
			10,
			Array.from({length: 100}, (_, i) => (i + 1) * 10 + (i === 42 ? 5 : 0.1)),
		).map((r) => r.late);
		const summary = summarizeLateness(late);
		expect(summary.count).toBe(100);
		expect(summary.max).toBeCloseTo(5);
		expect(summary.p50).toBeCloseTo(0.1);
		expect(summary.p99).toBeCloseTo(0.1);
		expect(summary.mean).toBeCloseTo((99 * 0.1 + 5) / 100);
	});

	it.each([
		{values: [], expected: {count: 0, mean: NaN, p50: NaN, p99: NaN, max: NaN}},
		{values: [3], expected: {count: 1, mean: 3, p50: 3, p99: 3, max: 3}},
		{values: [1, 1, 1, 9], expected: {count: 4, mean: 3, p50: 1, p99: 9, max: 9}},
		{values: [NaN, 2], expected: {count: 1, mean: 2, p50: 2, p99: 2, max: 2}},
	])('$values', ({values, expected}) => {
		expect(summarizeLateness(values)).toEqual(expected);
	});
});

describe('LatenessDecoder', () => {
	const encode = (us: number[]): Buffer => {
		const buf = Buffer.alloc(us.length * 4);
		us.forEach((v, i) => buf.writeUInt32LE(v, i * 4));
		return buf;
	};

	it('decodes uint32 LE µs to ms across arbitrary chunk cuts', () => {
		const values = [0, 93, 132, 2437, 4294967295, 65536, 16777216];
		const bytes = encode(values);
		for (const cut of [1, 2, 3, 5, 7, 13]) {
			const decoder = new LatenessDecoder();
			for (let pos = 0; pos < bytes.length; pos += cut) decoder.push(bytes.subarray(pos, pos + cut));
			expect(decoder.drain()).toEqual(values.map((v) => v / 1000));
			expect(decoder.drain()).toEqual([]);
		}
	});

	it("returns each chunk's completed values and bounds what is kept", () => {
		const decoder = new LatenessDecoder(3);
		expect(decoder.push(encode([1000, 2000]).subarray(0, 6))).toEqual([1]);
		expect(decoder.push(encode([2000, 3000, 4000, 5000]).subarray(2))).toEqual([2, 3, 4, 5]);
		expect(decoder.drain()).toEqual([3, 4, 5]);
		expect(decoder.dropped).toBe(2);
	});
});
