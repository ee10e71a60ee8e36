import {describe, expect, it} from 'vitest';
import {answerLines, HeadlessPrinter} from '../../src/cli/headless.js';
import {RunStore} from '../../src/run/store.js';
import {runEvents} from '../ui/fixtures.js';

describe('headless summary (issue 15 item 2)', () => {
	it('says by how much a criterion failed, not only "x is not <= y"', () => {
		const store = new RunStore();
		store.applyAll(runEvents('run'));
		const lines: string[] = [];
		new HeadlessPrinter(store, {line: (text) => lines.push(text)}, {live: false}).summary();
		const idle = lines.find((line) => line.includes('idle-cpu'));
		expect(idle).toMatch(/✗ FAIL\s+idle-cpu\s+3\.0 % <= 2\.0 % {2}\(\+1\.0 points over\)/);
		expect(lines.join('\n')).not.toMatch(/is not <=/);
	});

	it('names the levers the run was configured with (issue 15 item 4)', () => {
		const store = new RunStore();
		const events = runEvents('run');
		const [start, ...rest] = events;
		if (start?.type !== 'run-start') throw new Error('fixture');
		store.applyAll([{...start, config: {...start.config, cpuCapPct: 30, nice: 10, loadWorkers: 2, build: 'local', waitPolicy: 'passive'}}, ...rest]);
		const lines: string[] = [];
		new HeadlessPrinter(store, {line: (text) => lines.push(text)}, {live: false}).summary();
		expect(lines).toContain('  levers        cap 30% · nice 10 · load 2 · build local · wait passive');
	});

	it('back to idle: a number, or in words why there is none, never a dash (issue 15 item 10)', () => {
		const store = new RunStore();
		const events = runEvents('run');
		// The fixture run ends without an idle-after phase: no return to idle could be measured.
		store.applyAll(events);
		const lines: string[] = [];
		new HeadlessPrinter(store, {line: (text) => lines.push(text)}, {live: false}).summary();
		const spikes = lines.find((line) => line.startsWith('  spikes'));
		expect(spikes).toMatch(/; back to idle not measured \(no idle phase after the prompts\)$/);
		expect(spikes).not.toContain('—');
	});

	it('says where the report and events went, when told (issue 15 item 10)', () => {
		const store = new RunStore();
		store.applyAll(runEvents('run'));
		const lines: string[] = [];
		new HeadlessPrinter(store, {line: (text) => lines.push(text)}, {live: false}).summary('report out/r.json · events out/e.ndjson');
		expect(lines).toContain('  saved         report out/r.json · events out/e.ndjson');
		expect(lines.indexOf('  saved         report out/r.json · events out/e.ndjson')).toBeLessThan(lines.indexOf('criteria'));
	});

	it.each([
		['an answer under its prompt', {prompt: 'hi', response: 'hello\nthere'}, ['  > hi', '  hello', '  there']],
		['runs of blank lines become one; the ends are trimmed', {prompt: 'p', response: '\n\na\n\n\n\nb\n'}, ['  > p', '  a', '', '  b']],
		['escape sequences are removed (hostile output)', {prompt: 'x\u001b[2Jy', response: 'red \u001b[31mtext\u001b]0;title\u0007'}, ['  > xy', '  red text']],
		['no answer at all', {prompt: 'p', response: ''}, ['  > p', '  (no answer)']],
		['only whitespace', {prompt: 'p', response: '\n\n \n'}, ['  > p', '  (a blank answer: only whitespace)']],
		['no prompt text known', {prompt: null, response: 'ok'}, ['  ok']],
	])('try answer lines: %s (issue 15 item 10)', (_name, row, expected) => {
		expect(answerLines(row)).toEqual(expected);
	});
});
