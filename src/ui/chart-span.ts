/**
 * Continuity of a chart line: which empty buckets a point's value still
 * holds for, so the line is broken only where nothing was measured.
 */
import {bucketOf, lowerBound, type MinMaxBuckets, type Points} from './downsample.js';

/**
 * How long before its time a point's value holds, ms: a sample covers its
 * interval (a number), an inter-token gap covers itself (`'value'`: the value
 * is the duration). The first token of a prompt has no gap, so the prefill
 * and the time between prompts stay uncovered: a latency line is joined
 * within a prompt and stops between prompts, where no token was made.
 */
export type PointSpan = number | 'value';

/**
 * Fills the empty buckets that a point's span reaches back into with that
 * point's value (min = max = value), in place. A long inter-token stall is
 * thus drawn as its value over the time it lasted, and samples sparser than
 * the buckets (a wide chart, a slow `--interval`) draw an unbroken line.
 * O(points + buckets): a span stops at the first bucket that holds data.
 */
export function fillSpans(buckets: MinMaxBuckets, series: Points, span: PointSpan): void {
	const count = buckets.max.length;
	if (count === 0) return;
	const {bucketMs, firstBucket} = buckets;
	const length = Math.min(series.t.length, series.v.length);
	for (let index = lowerBound(series, firstBucket * bucketMs); index < length; index++) {
		const t = series.t[index] as number;
		const value = series.v[index] as number;
		if (!Number.isFinite(value)) continue;
		const end = bucketOf(buckets, t);
		if (end < 0) break;
		const reach = span === 'value' ? value : span;
		if (!(reach > 0)) continue;
		const start = Math.max(0, Math.floor((t - reach) / bucketMs) - firstBucket);
		for (let bucket = end - 1; bucket >= start; bucket--) {
			if (!Number.isNaN(buckets.max[bucket] as number)) break;
			buckets.max[bucket] = value;
			buckets.min[bucket] = value;
		}
	}
}

/**
 * The line's value per column for asciichart, which joins every pair of
 * neighbours: an empty column takes the next filled column's value (the
 * last one's at the end), so a segment after a break starts level instead
 * of with a connector from the old level into a blanked column. Clamped to
 * `[min, max]`.
 */
export function lineValues(values: Float64Array, min: number, max: number): number[] {
	const out = new Array<number>(values.length);
	let next = Number.NaN;
	for (let index = values.length - 1; index >= 0; index--) {
		const value = values[index] as number;
		if (!Number.isNaN(value)) next = value;
		out[index] = next;
	}
	let previous = Number.NaN;
	for (let index = 0; index < out.length; index++) {
		const value = out[index] as number;
		if (Number.isNaN(value)) out[index] = previous;
		else previous = value;
		out[index] = Math.min(max, Math.max(min, out[index] as number));
	}
	return out;
}
