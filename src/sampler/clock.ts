import {performance} from 'node:perf_hooks';
import type {SamplerClock} from './types.js';

/** `performance.now()` and unref'd `setTimeout`s: the sampler never keeps the process alive. */
export const realClock: SamplerClock = {
	now: () => performance.now(),
	setTimer(fn, delayMs) {
		const timer = setTimeout(fn, delayMs);
		timer.unref();
		return timer;
	},
	clearTimer(handle) {
		clearTimeout(handle as NodeJS.Timeout);
	},
};
