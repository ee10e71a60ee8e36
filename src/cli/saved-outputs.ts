/** What became of a run's report and events file, as known once the run ended and its outputs were written. */
export interface SavedOutputs {
	/** `--report`: a path, `-` for stdout, or absent (none asked for). */
	report?: string;
	/** Whether the report could not be written (a full disk). */
	reportFailed?: boolean;
	/** `--events`: a path, or absent. */
	events?: string;
	/** Whether the events file could not be written (or was left alone: the run failed before the model loaded). */
	eventsFailed?: boolean;
}

/**
 * Where the report and the events went, in one line for the final screen's
 * footer and the headless summary: `report r.json · events e.ndjson`; what
 * was not written or not asked for is said in words.
 */
export function describeSavedOutputs(saved: SavedOutputs): string {
	const report =
		saved.report === undefined
			? 'report not saved (no --report)'
			: saved.reportFailed
				? `report NOT written to ${saved.report}`
				: saved.report === '-'
					? 'report on stdout'
					: `report ${saved.report}`;
	if (saved.events === undefined) return report;
	return `${report} · ${saved.eventsFailed ? `events NOT written to ${saved.events}` : `events ${saved.events}`}`;
}
