/**
 * The spikes the dashboard lists: newest first by the time they peaked (a
 * detector reports a spike only once it is over, so the store's order is
 * the order of their ends, across metrics), and none from the model load,
 * which is no prompt's doing (they are counted apart).
 */
import type {Spike} from '../run/types.js';

/** Up to `count` spikes outside the model load, latest peak first. */
export function listedSpikes(spikes: readonly Spike[], count: number): Spike[] {
	return spikes
		.filter((spike) => spike.phase !== 'load')
		.sort((a, b) => b.t - a.t || a.metric.localeCompare(b.metric))
		.slice(0, Math.max(0, count));
}
