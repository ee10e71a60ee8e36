/**
 * The dashboard's own state (what the user chose to look at) and the pure
 * reducer that turns a key press into a new state plus, at most, one command
 * for the run controller. Ink's `useInput` feeds it; tests call it directly.
 */
import {DEFAULT_CHART_WINDOW_MS, stepChartWindow} from './chart-window.js';
import type {DashboardMode} from './view.js';

/** Overlays that replace the dashboard's body. */
export type Overlay = 'none' | 'help' | 'reader';

/** What the user is looking at and typing. */
export interface UiState {
	/** Chart time window, ms. */
	windowMs: number;
	overlay: Overlay;
	/** Selected prompt row, or `null` to follow the running prompt. */
	selected: number | null;
	/** First line shown by the reader overlay. */
	readerScroll: number;
	/** `try`: the prompt being typed. */
	input: string;
	/** `try`: submitted prompts, oldest first. */
	history: readonly string[];
	/** `try`: position while browsing history (`null` = editing a new line). */
	historyIndex: number | null;
	/** `try`: the new line put aside while browsing history. */
	draft: string;
	/** `try`: keys go to the input line (true) or act as commands (false). */
	typing: boolean;
	/** `f`: the view stays as it is (the run goes on and is recorded). */
	frozen: boolean;
	/** `c`: which page of charts is shown (see `chart-pages.ts`; taken modulo the layout's page count). */
	chartPage: number;
	/** A passing confirmation (`report saved to …`): shown on the footer line until the next key or {@link NOTICE_MS}. */
	notice: string | null;
}

/** How long a notice stays when no key is pressed, ms. */
export const NOTICE_MS = 4000;

/** The initial state. */
export function initialUiState(mode: DashboardMode): UiState {
	return {
		windowMs: DEFAULT_CHART_WINDOW_MS,
		overlay: 'none',
		selected: null,
		readerScroll: 0,
		input: '',
		history: [],
		historyIndex: null,
		draft: '',
		typing: mode === 'try',
		frozen: false,
		chartPage: 0,
		notice: null,
	};
}

/** A request for the run controller. */
export type Command =
	| {kind: 'quit'}
	| {kind: 'pause'}
	| {kind: 'skip'}
	| {kind: 'submit'; text: string}
	| {kind: 'abort'}
	| {kind: 'save'}
	/** Replay: play `factor` times faster (0.5: slower). */
	| {kind: 'speed'; factor: number};

/** The parts of Ink's `Key` the reducer reads. */
export interface KeyPress {
	upArrow?: boolean;
	downArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
	return?: boolean;
	escape?: boolean;
	ctrl?: boolean;
	shift?: boolean;
	tab?: boolean;
	backspace?: boolean;
	delete?: boolean;
	meta?: boolean;
}

/** Facts about the run the reducer needs. */
export interface KeyContext {
	mode: DashboardMode;
	/** Rows in the prompts table. */
	promptCount: number;
	/** Index of the running prompt, or -1. */
	runningIndex: number;
	/** The prompt shown when none is selected (-1: none). */
	focusIndex: number;
	/** Largest useful reader scroll (lines of the selected output minus the page). */
	readerMaxScroll: number;
	/** Lines per reader page. */
	readerPage: number;
	/** Pages of charts the layout has (`c` steps through them). @default 2 */
	chartPages?: number;
}

/** Result of one key press. */
export interface KeyResult {
	state: UiState;
	command?: Command | undefined;
	/** Every command, in order, when one chunk held several keys (`command` is the first). */
	commands?: readonly Command[] | undefined;
}

/** Longest history kept in `try`. */
export const HISTORY_LIMIT = 100;

/**
 * Applies one key press (Ink's `input` and `key`) to `shown`; any key clears a notice. Several plain
 * keys that arrive in one chunk (`--` typed fast or over SSH) are applied one
 * after the other, outside the `try` input line, which takes them as text.
 */
export function reduceKey(shown: UiState, input: string, key: KeyPress, context: KeyContext): KeyResult {
	// The next key clears a notice (and then does what it does).
	const state = shown.notice === null ? shown : {...shown, notice: null};
	const chars = [...input];
	if (
		chars.length > 1 &&
		!key.ctrl &&
		!key.meta &&
		!key.escape &&
		!(context.mode === 'try' && state.typing) &&
		chars.every((char) => char >= ' ' && char !== '\u007f')
	) {
		return reduceChunk(state, chars, key, context);
	}
	return reduceOneKey(state, input, key, context);
}

function reduceChunk(state: UiState, chars: readonly string[], key: KeyPress, context: KeyContext): KeyResult {
	const commands: Command[] = [];
	let current = state;
	for (const char of chars) {
		const result = reduceOneKey(current, char, {...key, return: false}, context);
		current = result.state;
		if (result.command) commands.push(result.command);
		if (current.typing && context.mode === 'try') break;
	}
	return {state: current, command: commands[0], commands};
}

function reduceOneKey(state: UiState, input: string, key: KeyPress, context: KeyContext): KeyResult {
	if (key.ctrl && input === 'c') return {state, command: {kind: 'quit'}};
	if (context.mode === 'try') {
		if (key.ctrl && input === 'q') return {state, command: {kind: 'quit'}};
		if (key.ctrl && input === 's') return {state, command: {kind: 'save'}};
	}
	if (state.overlay === 'help') return reduceHelp(state, input, key, context);
	if (state.overlay === 'reader') return reduceReader(state, input, key, context);
	if (context.mode === 'try' && state.typing) return reduceTyping(state, input, key, context);
	return reduceCommandKeys(state, input, key, context);
}

function reduceHelp(state: UiState, input: string, key: KeyPress, context: KeyContext): KeyResult {
	if (input === 'q' && !(context.mode === 'try' && state.typing)) return {state, command: {kind: 'quit'}};
	if (key.escape || key.return || input === '?') return {state: {...state, overlay: 'none'}};
	return {state};
}

function reduceReader(state: UiState, input: string, key: KeyPress, context: KeyContext): KeyResult {
	const scrollTo = (line: number): KeyResult => ({
		state: {...state, readerScroll: Math.max(0, Math.min(context.readerMaxScroll, line))},
	});
	if (key.escape || key.return) return {state: {...state, overlay: 'none', readerScroll: 0}};
	if (key.upArrow || input === 'k') return scrollTo(state.readerScroll - 1);
	if (key.downArrow || input === 'j') return scrollTo(state.readerScroll + 1);
	if (key.pageUp) return scrollTo(state.readerScroll - context.readerPage);
	if (key.pageDown || input === ' ') return scrollTo(state.readerScroll + context.readerPage);
	if (key.home) return scrollTo(0);
	if (key.end) return scrollTo(context.readerMaxScroll);
	if (input === 'q' && !(context.mode === 'try' && state.typing)) return {state, command: {kind: 'quit'}};
	return {state};
}

function reduceCommandKeys(state: UiState, input: string, key: KeyPress, context: KeyContext): KeyResult {
	if (key.upArrow || input === 'k' || (key.tab && key.shift)) return {state: select(state, -1, context)};
	if (key.downArrow || input === 'j' || key.tab) return {state: select(state, 1, context)};
	if (key.return) return openReader(state, context);
	if (key.escape) {
		if (state.selected !== null) return {state: {...state, selected: null}};
		return context.mode === 'try' ? {state: {...state, typing: true}} : {state};
	}
	switch (input) {
		case 'q':
			return {state, command: {kind: 'quit'}};
		case '?':
			return {state: {...state, overlay: 'help'}};
		case '+':
		case '=':
			// Zoom in, as bottom does: a narrower window.
			return {state: {...state, windowMs: stepChartWindow(state.windowMs, -1)}};
		case '-':
		case '_':
			return {state: {...state, windowMs: stepChartWindow(state.windowMs, 1)}};
		case 'f':
			return {state: {...state, frozen: !state.frozen}};
		case 'c':
			return {state: {...state, chartPage: (state.chartPage + 1) % Math.max(1, context.chartPages ?? 2)}};
		case 'p':
			return context.mode === 'try' || context.mode === 'watch' ? {state} : {state, command: {kind: 'pause'}};
		case 's':
			if (context.mode === 'try') return context.runningIndex >= 0 ? {state, command: {kind: 'abort'}} : {state};
			return context.mode === 'run' ? {state, command: {kind: 'skip'}} : {state};
		case 'i':
			return context.mode === 'try' ? {state: {...state, typing: true}} : {state};
		case '>':
		case '.':
			return context.mode === 'replay' ? {state, command: {kind: 'speed', factor: 2}} : {state};
		case '<':
		case ',':
			return context.mode === 'replay' ? {state, command: {kind: 'speed', factor: 0.5}} : {state};
		default:
			return {state};
	}
}

function reduceTyping(state: UiState, input: string, key: KeyPress, context: KeyContext): KeyResult {
	if (key.escape) {
		if (context.runningIndex >= 0) return {state, command: {kind: 'abort'}};
		return {state: {...state, typing: false}};
	}
	if (key.return) return submit(state, context);
	if (input.length > 1 && /[\r\n]$/.test(input)) {
		// Text and Enter in one chunk (fast typing, a script driving the terminal).
		return submit(insert(state, input.slice(0, -1)), context);
	}
	if (key.upArrow) return {state: browseHistory(state, -1)};
	if (key.downArrow) return {state: browseHistory(state, 1)};
	if (key.tab) return {state: select(state, key.shift ? -1 : 1, context)};
	if (key.backspace || key.delete) return {state: {...state, input: [...state.input].slice(0, -1).join('')}};
	if (key.ctrl && input === 'u') return {state: {...state, input: ''}};
	if (key.ctrl || key.meta) return {state};
	if (input === '?' && state.input === '') return {state: {...state, overlay: 'help'}};
	return {state: insert(state, input)};
}

function insert(state: UiState, input: string): UiState {
	const text = input.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
	return text === '' ? state : {...state, input: state.input + text, historyIndex: null};
}

function submit(state: UiState, context: KeyContext): KeyResult {
	const text = state.input.trim();
	if (text === '') return state.selected === null ? {state} : openReader(state, context);
	const history = state.history.at(-1) === text ? state.history : [...state.history, text].slice(-HISTORY_LIMIT);
	return {state: {...state, input: '', history, historyIndex: null, draft: '', selected: null}, command: {kind: 'submit', text}};
}

/** Moves through `try` history: -1 older, +1 newer (back to the draft past the newest). */
export function browseHistory(state: UiState, direction: -1 | 1): UiState {
	const {history} = state;
	if (history.length === 0) return state;
	if (state.historyIndex === null) {
		if (direction > 0) return state;
		const index = history.length - 1;
		return {...state, historyIndex: index, draft: state.input, input: history[index] ?? ''};
	}
	const index = state.historyIndex + direction;
	if (index < 0) return state;
	if (index >= history.length) return {...state, historyIndex: null, input: state.draft, draft: ''};
	return {...state, historyIndex: index, input: history[index] ?? ''};
}

function select(state: UiState, direction: -1 | 1, context: KeyContext): UiState {
	if (context.promptCount === 0) return state;
	const from = state.selected ?? (context.focusIndex >= 0 ? context.focusIndex : direction > 0 ? -1 : context.promptCount);
	const selected = Math.max(0, Math.min(context.promptCount - 1, from + direction));
	return {...state, selected};
}

function openReader(state: UiState, context: KeyContext): KeyResult {
	const target = state.selected ?? context.focusIndex;
	if (target < 0) return {state};
	return {state: {...state, selected: target, overlay: 'reader', readerScroll: 0}};
}
