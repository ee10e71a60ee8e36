/**
 * Scores a detector against known events: which injected bursts (or token
 * stalls) were found, which were missed, and which detections match nothing.
 * A detection matches an event when their time spans overlap, each widened by
 * `toleranceMs` (one sample interval for CPU: a sampler only sees whole
 * intervals). Matching is one to one, in time order.
 */

/** A time span, ms. */
export interface Span {
	start: number;
	end: number;
}

/** A detected span and the moment it peaked. */
export interface Detection extends Span {
	peak: number;
}

/** Outcome of {@link matchDetections}. */
export interface MatchResult<T extends Span, D extends Detection> {
	matched: {event: T; detection: D}[];
	missed: T[];
	/** Detections that match no event. */
	unmatched: D[];
	/** matched / events; `null` without events. */
	recall: number | null;
	/** matched / detections; `null` without detections. */
	precision: number | null;
	/** detection.start - event.start per match, ms. */
	startErrorsMs: number[];
	/** detection.end - event.end per match, ms. */
	endErrorsMs: number[];
}

/** Matches detections to known events (see the module comment). */
export function matchDetections<T extends Span, D extends Detection>(events: readonly T[], detections: readonly D[], toleranceMs: number): MatchResult<T, D> {
	const byStart = <S extends Span>(list: readonly S[]): S[] => [...list].sort((a, b) => a.start - b.start);
	const pending = byStart(detections);
	const taken = new Set<number>();
	const matched: {event: T; detection: D}[] = [];
	const missed: T[] = [];
	for (const event of byStart(events)) {
		const index = pending.findIndex((d, i) => !taken.has(i) && d.start <= event.end + toleranceMs && d.end >= event.start - toleranceMs);
		if (index < 0) {
			missed.push(event);
			continue;
		}
		taken.add(index);
		matched.push({event, detection: pending[index]!});
	}
	const unmatched = pending.filter((_, i) => !taken.has(i));
	return {
		matched,
		missed,
		unmatched,
		recall: events.length === 0 ? null : matched.length / events.length,
		precision: detections.length === 0 ? null : matched.length / detections.length,
		startErrorsMs: matched.map(({event, detection}) => detection.start - event.start),
		endErrorsMs: matched.map(({event, detection}) => detection.end - event.end),
	};
}

/** Detections that start inside `window` (a quiet stretch where nothing was injected). */
export function inWindow<D extends Detection>(detections: readonly D[], window: Span): D[] {
	return detections.filter((d) => d.peak >= window.start && d.peak <= window.end);
}
