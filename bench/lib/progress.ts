/**
 * The bench's estimated time left: each section has an expected duration;
 * the one running reports how far it is (steps done of steps planned). Time
 * left = the running section's remaining share plus the sections still to
 * run, every estimate scaled by how the finished work compared with its own
 * estimate (a loaded machine stretches everything alike). Pure.
 */

/** One section of the plan. */
export interface PlannedSection {
	name: string;
	estimateS: number;
}

/** Where the bench is. */
export interface ProgressState {
	/** Index into the plan of the running section (plan length when finished). */
	current: number;
	/** Share of the running section done, 0..1. */
	fraction: number;
	/** Seconds spent on finished sections, and on the running one so far. */
	doneS: number;
	currentS: number;
}

/** Estimated seconds left; `null` before anything can be said (nothing estimated). */
export function etaSeconds(plan: readonly PlannedSection[], state: ProgressState): number | null {
	const estimated = (i: number): number => plan[i]?.estimateS ?? 0;
	let finishedEstimate = 0;
	for (let i = 0; i < Math.min(state.current, plan.length); i++) finishedEstimate += estimated(i);
	const fraction = Math.min(1, Math.max(0, state.fraction));
	const doneEstimate = finishedEstimate + estimated(state.current) * fraction;
	const spent = state.doneS + state.currentS;
	// Scale once some work is done: until then the plan's own estimate stands.
	const scale = doneEstimate > 0 && spent > 0 ? Math.min(10, Math.max(0.25, spent / doneEstimate)) : 1;
	let left = estimated(state.current) * (1 - fraction);
	for (let i = state.current + 1; i < plan.length; i++) left += estimated(i);
	const total = plan.reduce((sum, s) => sum + s.estimateS, 0);
	return total === 0 ? null : left * scale;
}

/** Seconds as `1 min 05 s` / `42 s`. */
export function formatSeconds(seconds: number): string {
	const s = Math.max(0, Math.round(seconds));
	return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}
