import {describe, expect, it} from 'vitest';
import {chooseView, ciVariable} from '../../src/cli/view.js';

describe('ciVariable', () => {
	it('names the variable Ink takes for CI, with the same rule as is-in-ci', () => {
		expect(ciVariable({CI: 'true'})).toBe('CI=true');
		expect(ciVariable({CI: ''})).toBe('CI=');
		expect(ciVariable({CONTINUOUS_INTEGRATION: '1'})).toBe('CONTINUOUS_INTEGRATION=1');
		expect(ciVariable({CI: 'false'})).toBeUndefined();
		expect(ciVariable({CI: '0', CONTINUOUS_INTEGRATION: 'yes'})).toBe('CONTINUOUS_INTEGRATION=yes');
		expect(ciVariable({})).toBeUndefined();
	});
});

describe('chooseView', () => {
	const terminal = {headlessFlag: false, stdoutIsTTY: true, stdinIsTTY: true};

	it('draws the dashboard in a terminal', () => {
		expect(chooseView(terminal)).toEqual({headless: false});
	});

	it('prints lines when asked, when stdout is not a terminal, or when try has no terminal to type into; silently', () => {
		expect(chooseView({...terminal, headlessFlag: true})).toEqual({headless: true});
		expect(chooseView({...terminal, stdoutIsTTY: false, ci: 'CI=true'})).toEqual({headless: true});
		expect(chooseView({...terminal, stdinIsTTY: false, needsStdin: true})).toEqual({headless: true});
		expect(chooseView({...terminal, stdinIsTTY: false})).toEqual({headless: false});
	});

	it('prints plain lines on TERM=dumb, and says why in one line (issue 15 item 7)', () => {
		const view = chooseView({...terminal, dumbTerminal: true});
		expect(view.headless).toBe(true);
		expect(view.note).toMatch(/^llmtop: TERM=dumb, so plain lines/);
	});

	it('prints lines under CI in a terminal, and says why in one line', () => {
		const view = chooseView({...terminal, ci: 'CI=true'});
		expect(view.headless).toBe(true);
		expect(view.note).toBe('llmtop: CI=true is set, so lines instead of the dashboard (Ink draws no live frames under CI); unset it for the dashboard');
	});
});
