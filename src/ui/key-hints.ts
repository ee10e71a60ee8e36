/**
 * Footer key hints and the help screen's key list, per mode: the one place
 * that says which keys do what (the reducer in `ui-state.ts` implements it).
 */
import type {UiState} from './ui-state.js';
import type {DashboardMode} from './view.js';

/** What the footer needs to know besides the mode and the UI state. */
export interface FooterFacts {
	/** The run ended: pause, skip and speed no longer apply. */
	ended?: boolean;
	/** The layout has pages of charts (`c` switches). */
	chartPages?: boolean;
	/** The run (or a replay's playback) is paused: `p` resumes. */
	paused?: boolean;
	/** After the end: where the report and events went (`report r.json · events e.ndjson`). */
	saved?: string | undefined;
}

/** The footer line for the current mode and state; `? help` and `q quit` come first, so a narrow terminal keeps them. */
export function footerHint(mode: DashboardMode, state: UiState, facts: FooterFacts = {}): string {
	if (state.overlay === 'help') return 'Esc/?/Enter close help · q quit';
	if (state.overlay === 'reader') return '↑↓ PgUp/PgDn Home/End scroll · Esc/Enter close';
	const charts = facts.chartPages ? ' · c charts' : '';
	const view = `+/- zoom${charts} · f ${state.frozen ? 'unfreeze' : 'freeze'} · ↑↓/Tab select · Enter read`;
	if (mode === 'try') {
		if (state.typing) return 'Enter run · ^Q quit · ↑↓ history · Tab select · Esc abort/keys · ^S save';
		return `KEYS: ? help · q quit · i/Esc type · s abort · ${view} · ^S save`;
	}
	if (facts.ended) return `? help · q quit · ${facts.saved ? `${facts.saved} · ` : ''}${view}`;
	const pause = facts.paused ? 'p resume' : 'p pause';
	const run = mode === 'run' ? `${pause} · s skip · ` : mode === 'watch' ? '' : `${pause} · >/< speed · `;
	return `? help · q quit · ${run}${view} · Esc live`;
}

/** Lines of the help screen's key list. */
export function helpKeys(mode: DashboardMode): string[] {
	const common = [
		'+ / -        zoom the charts in / out, as bottom does: + narrows the time window (10m, 5m, 1m, 30s)',
		'f            freeze the view (the run goes on and is recorded); f again follows it',
		'c            switch charts: interactive delay (canary) or RSS beside CPU; at 80x24 CPU/RSS, ITL/tok/s, delay/CPU',
		'↑ ↓ Tab      select a prompt (Shift+Tab back); its output shows below',
		"Enter        read the selected prompt's full output (Esc closes)",
		'?            this help',
		'Ctrl+C       quit',
	];
	if (mode === 'try') {
		return [
			'Typing mode (default): letters go to the prompt line',
			'  Enter      run the prompt (empty line: read the selected prompt)',
			'  ↑ ↓        prompt history',
			'  Esc        abort the running prompt; when none runs, switch to keys mode',
			'  Ctrl+S     save a report of the tryouts    Ctrl+Q quit',
			'Keys mode: i or Esc back to typing · q quit · s abort the running prompt',
			...common.map((line) => `  ${line}`),
		];
	}
	return [
		mode === 'watch' ? 'q            leave the watcher (the run goes on)' : 'q            quit (during a run: stop it and write the partial report)',
		...(mode === 'watch' ? [] : ['p            pause / resume between prompts']),
		...(mode === 'run' ? ['s            skip the current prompt'] : []),
		...(mode === 'replay' ? ['> / <        play twice as fast / half as fast'] : []),
		'Esc          stop following a selection: show the running prompt',
		...common,
	];
}
