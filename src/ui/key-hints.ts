/**
 * Footer key hints and the help screen's key list, per mode: the one place
 * that says which keys do what (the reducer in `ui-state.ts` implements it).
 */
import type {UiState} from './ui-state.js';
import type {DashboardMode} from './view.js';

/** The footer line for the current mode and state. */
export function footerHint(mode: DashboardMode, state: UiState): string {
	if (state.overlay === 'help') return 'Esc/?/Enter close help · q quit';
	if (state.overlay === 'reader') return '↑↓ PgUp/PgDn Home/End scroll · Esc/Enter close';
	if (mode === 'try') {
		if (state.typing) return 'Enter run · ↑↓ history · Tab select · Esc abort/keys · ^S save · ^Q quit';
		return 'KEYS: i/Esc type · q quit · s abort · +/- window · ↑↓/Tab select · Enter read · ? help · ^S save';
	}
	const run = mode === 'run' ? 'p pause · s skip · ' : mode === 'watch' ? '' : 'p pause · >/< speed · ';
	return `q quit · ${run}+/- window · ↑↓/Tab select · Enter read · Esc live · ? help`;
}

/** Lines of the help screen's key list. */
export function helpKeys(mode: DashboardMode): string[] {
	const common = [
		'+ / -        widen / narrow the chart time window (30s, 1m, 5m, 10m)',
		'↑ ↓ Tab      select a prompt (Shift+Tab back); its output shows below',
		'Enter        read the selected prompt\'s full output (Esc closes)',
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
			...common.map(line => `  ${line}`),
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
