import {useEffect, useRef, useState} from 'react';
import type {RunStore} from '../../run/store.js';
import {nextFrameDelay, type FrameRates} from '../frame-clock.js';

/** The store facts that set the frame rate. */
function activity(store: RunStore): {active: boolean; urgentKey: string} {
	const active = store.prompts.running !== null && !store.clock.paused;
	const urgentKey = `${store.clock.current ?? ''}|${store.clock.paused}|${store.runEnd ? 'end' : ''}|${store.prompts.started}`;
	return {active, urgentKey};
}

/**
 * Subscribes to the store and returns the store version to draw. A store
 * change schedules one frame at the rate for the run's state (see
 * `frame-clock.ts`); further changes before it fires ride along. The
 * subscription does O(1) work per event.
 */
export function useStoreFrames(store: RunStore, rates: FrameRates): number {
	const [version, setVersion] = useState(store.version);
	const timer = useRef<NodeJS.Timeout | null>(null);
	const lastFrameAt = useRef<number | null>(null);
	const dueAt = useRef(0);
	const lastUrgentKey = useRef(activity(store).urgentKey);
	useEffect(() => {
		const draw = () => {
			timer.current = null;
			lastFrameAt.current = performance.now();
			lastUrgentKey.current = activity(store).urgentKey;
			setVersion(store.version);
		};
		const onChange = () => {
			const {active, urgentKey} = activity(store);
			const now = performance.now();
			const delay = nextFrameDelay(now, lastFrameAt.current, active, urgentKey !== lastUrgentKey.current, rates);
			if (timer.current !== null) {
				if (now + delay >= dueAt.current) return;
				clearTimeout(timer.current);
			}
			dueAt.current = now + delay;
			timer.current = setTimeout(draw, delay);
		};
		const unsubscribe = store.subscribe(onChange);
		if (store.version !== version) onChange();
		return () => {
			unsubscribe();
			if (timer.current !== null) clearTimeout(timer.current);
			timer.current = null;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [store, rates.activeMs, rates.idleMs]);
	return version;
}
