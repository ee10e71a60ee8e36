import os from 'node:os';
import {BadOptionError} from './errors.js';

/**
 * Default decode threads: logical cores - 1, at least 1.
 *
 * At threads = cores the prebuilt addon stalls (a fresh worker thread per
 * decode step spin-waits on the calling thread's core: measured at 0.3-0.6x of native decode),
 * so one core is left to the JS thread and the rest of the machine.
 */
export function defaultThreads(cores: number = os.availableParallelism()): number {
	return Math.max(1, Math.floor(cores) - 1);
}

/** Default context size when none is asked: 2048, or the model's training context if smaller. */
export const DEFAULT_CONTEXT_SIZE = 2048;

/** Default batch size (prefill chunk), capped at the context size. */
export const DEFAULT_BATCH_SIZE = 512;

/** Throws {@link BadOptionError} unless `value` is a whole number >= `min` (and <= `max`, when given). */
export function requireInteger(option: string, value: unknown, min: number, max = Number.POSITIVE_INFINITY): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new BadOptionError(option, value, max === Number.POSITIVE_INFINITY ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`);
	}
	return value;
}

/** Throws {@link BadOptionError} unless `value` is a finite number within [min, max]. */
export function requireNumberIn(option: string, value: unknown, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		throw new BadOptionError(option, value, `a number from ${min} to ${max}`);
	}
	return value;
}

/** Sampling settings of one prompt, validated. */
export interface SamplingSettings {
	temperature: number;
	topP: number;
	maxTokens: number;
	seed?: number;
}

/** Validates temperature [0, 100], top-p (0, 1], max tokens (>= 1) and seed (whole number >= 0). */
export function validateSampling(s: SamplingSettings): SamplingSettings {
	requireNumberIn('temperature', s.temperature, 0, 100);
	requireNumberIn('top-p', s.topP, 0, 1);
	if (s.topP === 0) throw new BadOptionError('top-p', s.topP, 'a number above 0 and at most 1');
	requireInteger('max-tokens', s.maxTokens, 1);
	if (s.seed !== undefined) requireInteger('seed', s.seed, 0);
	return s;
}
