import {describe, expect, it} from 'vitest';
import {inWindow, matchDetections} from '../../bench/lib/matching.js';

const burst = (start: number, end: number) => ({start, end});
const spike = (start: number, end: number, peak = end) => ({start, end, peak});

describe('matchDetections', () => {
	it('every burst found once: recall and precision 1, signed start and end errors', () => {
		const result = matchDetections([burst(1000, 1150), burst(3000, 3150)], [spike(1000, 1200), spike(2900, 3100)], 100);
		expect(result.recall).toBe(1);
		expect(result.precision).toBe(1);
		expect(result.startErrorsMs).toEqual([0, -100]);
		expect(result.endErrorsMs).toEqual([50, -50]);
	});

	it('a missed burst lowers recall; a spike with no burst lowers precision', () => {
		const result = matchDetections([burst(1000, 1150), burst(3000, 3150), burst(5000, 5150)], [spike(1000, 1200), spike(8000, 8100)], 100);
		expect(result.recall).toBeCloseTo(1 / 3);
		expect(result.precision).toBe(0.5);
		expect(result.missed).toEqual([burst(3000, 3150), burst(5000, 5150)]);
		expect(result.unmatched).toEqual([spike(8000, 8100)]);
	});

	it('tolerance: a detection one sample interval off still matches, two do not', () => {
		expect(matchDetections([burst(1000, 1150)], [spike(1250, 1300)], 100).recall).toBe(1);
		expect(matchDetections([burst(1000, 1150)], [spike(1260, 1300)], 100).recall).toBe(0);
		expect(matchDetections([burst(1000, 1150)], [spike(800, 900)], 100).recall).toBe(1);
		expect(matchDetections([burst(1000, 1150)], [spike(700, 890)], 100).recall).toBe(0);
	});

	it('is one to one: two spikes on one burst leave one unmatched; one spike cannot cover two bursts', () => {
		const twoSpikes = matchDetections([burst(1000, 1150)], [spike(1000, 1100), spike(1100, 1200)], 0);
		expect(twoSpikes.matched).toHaveLength(1);
		expect(twoSpikes.precision).toBe(0.5);
		const twoBursts = matchDetections([burst(1000, 1050), burst(1100, 1150)], [spike(1000, 1150)], 0);
		expect(twoBursts.recall).toBe(0.5);
	});

	it('matches in time order whatever the input order', () => {
		const result = matchDetections([burst(3000, 3150), burst(1000, 1150)], [spike(3000, 3200), spike(1000, 1200)], 0);
		expect(result.matched.map(({event, detection}) => [event.start, detection.start])).toEqual([
			[1000, 1000],
			[3000, 3000],
		]);
	});

	it('empty inputs give null ratios, not NaN', () => {
		expect(matchDetections([], [], 100)).toMatchObject({recall: null, precision: null, matched: []});
		expect(matchDetections([burst(0, 1)], [], 100)).toMatchObject({recall: 0, precision: null});
		expect(matchDetections([], [spike(0, 1)], 100)).toMatchObject({recall: null, precision: 0});
	});
});

describe('inWindow', () => {
	it('keeps detections that peak inside the window, edges included', () => {
		const detections = [spike(0, 10, 10), spike(90, 100, 100), spike(150, 160, 160), spike(195, 205, 201)];
		expect(inWindow(detections, {start: 100, end: 200}).map((d) => d.peak)).toEqual([100, 160]);
	});
});
