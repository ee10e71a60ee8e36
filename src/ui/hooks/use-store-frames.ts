import {useEffect, useRef} from 'react';
import type {RunStore} from '../../run/store.js';
import {nextFrameDelay, type FrameRates} from '../frame-clock.js';

/** The store facts that set the frame rate. */
function activity(store: RunStore): {active: boolean; urgentKey: string} {
	// Loading the model counts as active: its progress is worth a frame a second.
	const active = (store.prompts.running !== null && !store.clock.paused) || store.loadProgress !== null;
	const urgentKey = `${store.clock.current ?? ''}|${store.clock.paused}|${store.runEnd ? 'end' : ''}|${store.prompts.started}`;
	return {active, urgentKey};
}

/**
 * Subscribes to the store and calls `onFrame` (from a timer, outside any
 * React render) when a frame is due: a store change schedules one frame at
 * the rate for the run's state (see `frame-clock.ts`); further changes
 * before it fires ride along. The subscription does O(1) work per event.
 */
export function useStoreFrames(store: RunStore, rates: FrameRates, onFrame: () => void): void {
	const callback = useRef(onFrame);
	const currentRates = useRef(rates);
	useEffect(() => {
		callback.current = onFrame;
		currentRates.current = rates;
	});
	useEffect(() => {
		let timer: NodeJS.Timeout | null = null;
		let dueAt = 0;
		let lastFrameAt: number | null = null;
		let lastUrgentKey = activity(store).urgentKey;
		let shownVersion = store.version;
		const draw = () => {
			timer = null;
			lastFrameAt = performance.now();
			lastUrgentKey = activity(store).urgentKey;
			shownVersion = store.version;
			callback.current();
		};
		const onChange = () => {
			const now = performance.now();
			if (timer !== null && dueAt - now <= currentRates.current.activeMs) return;
			const {active, urgentKey} = activity(store);
			const delay = nextFrameDelay(now, lastFrameAt ?? now, active, urgentKey !== lastUrgentKey, currentRates.current);
			if (timer !== null) {
				if (now + delay >= dueAt) return;
				clearTimeout(timer);
			}
			dueAt = now + delay;
			timer = setTimeout(draw, delay);
		};
		const unsubscribe = store.subscribe(onChange);
		if (store.version !== shownVersion) onChange();
		return () => {
			unsubscribe();
			if (timer !== null) clearTimeout(timer);
		};
	}, [store]);
}
