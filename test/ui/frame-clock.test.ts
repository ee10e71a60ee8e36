import {describe, expect, it} from 'vitest';
import {DEFAULT_FRAME_RATES, nextFrameDelay} from '../../src/ui/frame-clock.js';

describe('nextFrameDelay', () => {
	const rates = {activeMs: 500, idleMs: 4000};
	it('draws the first frame at once', () => {
		expect(nextFrameDelay(1000, null, false, false, rates)).toBe(0);
	});
	it('waits the active interval while a prompt runs, the idle one otherwise', () => {
		expect(nextFrameDelay(1100, 1000, true, false, rates)).toBe(400);
		expect(nextFrameDelay(1100, 1000, false, false, rates)).toBe(3900);
	});
	it('draws urgent changes at the active rate even when idle', () => {
		expect(nextFrameDelay(1100, 1000, false, true, rates)).toBe(400);
	});
	it('never returns a negative delay', () => {
		expect(nextFrameDelay(9000, 1000, false, false, rates)).toBe(0);
	});
	it('defaults to 2 frames/s active and one frame per 4 s idle', () => {
		expect(DEFAULT_FRAME_RATES).toEqual({activeMs: 1000, idleMs: 4000});
	});
});
