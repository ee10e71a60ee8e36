import {describe, expect, it} from 'vitest';
import {browseHistory, initialUiState, reduceKey, type KeyContext, type KeyPress, type UiState} from '../../src/ui/ui-state.js';

const RUN: KeyContext = {mode: 'run', promptCount: 5, runningIndex: 2, focusIndex: 2, readerMaxScroll: 10, readerPage: 4};
const TRY_IDLE: KeyContext = {...RUN, mode: 'try', runningIndex: -1, focusIndex: -1};
const TRY_RUNNING: KeyContext = {...RUN, mode: 'try', runningIndex: 1, focusIndex: 1};

function press(state: UiState, context: KeyContext, ...keys: (string | KeyPress)[]) {
	let current = state;
	const commands: unknown[] = [];
	for (const key of keys) {
		const result = typeof key === 'string' ? reduceKey(current, key, {}, context) : reduceKey(current, '', key, context);
		current = result.state;
		if (result.command) commands.push(result.command);
	}
	return {state: current, commands};
}

describe('run mode keys', () => {
	const start = initialUiState('run');

	it.each([
		['q', {kind: 'quit'}],
		['p', {kind: 'pause'}],
		['s', {kind: 'skip'}],
	])('%s asks the controller to %j', (key, command) => {
		expect(press(start, RUN, key).commands).toEqual([command]);
	});

	it('replay has no skip, and > / < change the speed', () => {
		expect(press(start, {...RUN, mode: 'replay'}, 's').commands).toEqual([]);
		expect(press(start, {...RUN, mode: 'replay'}, 'p').commands).toEqual([{kind: 'pause'}]);
		expect(press(start, {...RUN, mode: 'replay'}, '>').commands).toEqual([{kind: 'speed', factor: 2}]);
		expect(press(start, {...RUN, mode: 'replay'}, '<').commands).toEqual([{kind: 'speed', factor: 0.5}]);
		expect(press(start, RUN, '>').commands).toEqual([]);
	});

	it('Ctrl+C quits', () => {
		expect(reduceKey(start, 'c', {ctrl: true}, RUN).command).toEqual({kind: 'quit'});
	});

	it('+ zooms in (a narrower window) and - zooms out, as in bottom (issue 15 item 7)', () => {
		expect(press(start, RUN, '+').state.windowMs).toBe(30_000);
		expect(press(start, RUN, '-', '-', '-').state.windowMs).toBe(600_000);
		expect(press(start, RUN, '-').state.windowMs).toBe(300_000);
		expect(press(start, RUN, '=').state.windowMs).toBe(30_000);
	});

	it('keys arriving in one chunk are all applied (issue 15 item 7)', () => {
		expect(reduceKey(start, '--', {}, RUN).state.windowMs).toBe(600_000);
		expect(reduceKey(start, 'ps', {}, RUN).commands).toEqual([{kind: 'pause'}, {kind: 'skip'}]);
		expect(reduceKey(start, 'jj', {}, RUN).state.selected).toBe(4);
	});

	it('f freezes and unfreezes the view; c switches the chart pair', () => {
		expect(press(start, RUN, 'f').state.frozen).toBe(true);
		expect(press(start, RUN, 'f', 'f').state.frozen).toBe(false);
		expect(press(start, RUN, 'c').state.chartPage).toBe(1);
		expect(press(start, RUN, 'c', 'c').state.chartPage).toBe(0);
		const threePages = {...RUN, chartPages: 3};
		expect(press(start, threePages, 'c', 'c').state.chartPage).toBe(2);
		expect(press(start, threePages, 'c', 'c', 'c').state.chartPage).toBe(0);
	});

	it('arrows and Tab select a prompt starting from the running one; Esc follows the run again', () => {
		expect(press(start, RUN, {downArrow: true}).state.selected).toBe(3);
		expect(press(start, RUN, {upArrow: true}).state.selected).toBe(1);
		expect(press(start, RUN, {tab: true}, {tab: true}).state.selected).toBe(4);
		expect(press(start, RUN, {tab: true, shift: true}).state.selected).toBe(1);
		expect(press(start, RUN, {downArrow: true}, {downArrow: true}, {downArrow: true}).state.selected).toBe(4);
		expect(press(start, RUN, {downArrow: true}, {escape: true}).state.selected).toBeNull();
	});

	it('Enter opens the reader on the selected prompt; it scrolls within bounds and closes', () => {
		const open = press(start, RUN, {downArrow: true}, {return: true}).state;
		expect(open.overlay).toBe('reader');
		expect(open.selected).toBe(3);
		expect(press(open, RUN, {downArrow: true}, {downArrow: true}).state.readerScroll).toBe(2);
		expect(press(open, RUN, {upArrow: true}).state.readerScroll).toBe(0);
		expect(press(open, RUN, {pageDown: true}, {pageDown: true}, {pageDown: true}).state.readerScroll).toBe(10);
		expect(press(open, RUN, {end: true}, {home: true}).state.readerScroll).toBe(0);
		expect(press(open, RUN, {escape: true}).state.overlay).toBe('none');
		expect(press(open, RUN, 'q').commands).toEqual([{kind: 'quit'}]);
	});

	it('? toggles help; keys under it do not reach the dashboard', () => {
		const help = press(start, RUN, '?').state;
		expect(help.overlay).toBe('help');
		expect(press(help, RUN, 'p').commands).toEqual([]);
		expect(press(help, RUN, '?').state.overlay).toBe('none');
		expect(press(help, RUN, {escape: true}).state.overlay).toBe('none');
	});

	it('does nothing with no prompts to select', () => {
		expect(press(start, {...RUN, promptCount: 0, runningIndex: -1, focusIndex: -1}, {downArrow: true}).state.selected).toBeNull();
	});
});

describe('try mode keys', () => {
	const start = initialUiState('try');

	it('starts in typing mode; letters, q included, go to the input line', () => {
		const typed = press(start, TRY_IDLE, 'q', 'p', 's', ' ', 'x');
		expect(typed.state.input).toBe('qps x');
		expect(typed.commands).toEqual([]);
	});

	it('Enter submits the trimmed line and records it in history', () => {
		const result = press(start, TRY_IDLE, 'hi ', 'there ', {return: true});
		expect(result.commands).toEqual([{kind: 'submit', text: 'hi there'}]);
		expect(result.state.input).toBe('');
		expect(result.state.history).toEqual(['hi there']);
		expect(press(start, TRY_IDLE, {return: true}).commands).toEqual([]);
	});

	it('text and Enter arriving in one chunk submit', () => {
		expect(press(start, TRY_IDLE, 'fast prompt\r').commands).toEqual([{kind: 'submit', text: 'fast prompt'}]);
	});

	it('backspace deletes, Ctrl+U clears, pasted newlines become spaces, control keys are not typed', () => {
		expect(press(start, TRY_IDLE, 'abc', {backspace: true}).state.input).toBe('ab');
		expect(reduceKey({...start, input: 'abc'}, 'u', {ctrl: true}, TRY_IDLE).state.input).toBe('');
		expect(press(start, TRY_IDLE, 'a\nb c').state.input).toBe('a b c');
		expect(reduceKey(start, 'x', {ctrl: true}, TRY_IDLE).state.input).toBe('');
	});

	it('up and down browse history and come back to the draft', () => {
		const withHistory = {...start, history: ['one', 'two'], input: 'draft'};
		const up = browseHistory(withHistory, -1);
		expect(up.input).toBe('two');
		expect(browseHistory(up, -1).input).toBe('one');
		expect(browseHistory(browseHistory(up, -1), -1).input).toBe('one');
		expect(browseHistory(up, 1).input).toBe('draft');
		expect(press(withHistory, TRY_IDLE, {upArrow: true}, {upArrow: true}, {downArrow: true}).state.input).toBe('two');
		expect(browseHistory({...start, input: 'x'}, -1).input).toBe('x');
	});

	it('does not repeat the same prompt in history', () => {
		const once = press(start, TRY_IDLE, 'same', {return: true}, 'same', {return: true});
		expect(once.state.history).toEqual(['same']);
	});

	it('Esc aborts a running prompt; with none running it switches to keys mode', () => {
		expect(press(start, TRY_RUNNING, {escape: true}).commands).toEqual([{kind: 'abort'}]);
		const keys = press(start, TRY_IDLE, {escape: true}).state;
		expect(keys.typing).toBe(false);
		expect(press(keys, TRY_IDLE, 'q').commands).toEqual([{kind: 'quit'}]);
		expect(press(keys, TRY_IDLE, '-').state.windowMs).toBe(300_000);
		expect(reduceKey(start, 'qq', {}, TRY_IDLE).state.input).toBe('qq');
		expect(press(keys, TRY_RUNNING, 's').commands).toEqual([{kind: 'abort'}]);
		expect(press(keys, TRY_IDLE, 'p').commands).toEqual([]);
		expect(press(keys, TRY_IDLE, 'i').state.typing).toBe(true);
		expect(press(keys, TRY_IDLE, {escape: true}).state.typing).toBe(true);
	});

	it('Ctrl+S saves, Ctrl+Q and Ctrl+C quit, in typing and keys mode', () => {
		for (const state of [start, {...start, typing: false}]) {
			expect(reduceKey(state, 's', {ctrl: true}, TRY_IDLE).command).toEqual({kind: 'save'});
			expect(reduceKey(state, 'q', {ctrl: true}, TRY_IDLE).command).toEqual({kind: 'quit'});
			expect(reduceKey(state, 'c', {ctrl: true}, TRY_IDLE).command).toEqual({kind: 'quit'});
		}
	});

	it('? opens help only on an empty line; Tab selects tryouts while typing', () => {
		expect(press(start, TRY_IDLE, '?').state.overlay).toBe('help');
		expect(press(start, TRY_IDLE, 'why', '?').state.input).toBe('why?');
		expect(press(start, TRY_IDLE, {tab: true}).state.selected).toBe(0);
	});

	it('Enter on an empty line reads the selected tryout', () => {
		expect(press(start, TRY_IDLE, {tab: true}, {return: true}).state.overlay).toBe('reader');
	});
});
