import {describe, expect, it} from 'vitest';
import {etaSeconds, formatSeconds} from '../../bench/lib/progress.js';
import {helpText, SECTION_INFO, SECTIONS, selectSections, UnknownSectionError} from '../../bench/lib/sections.js';

describe('selectSections', () => {
	it.each([
		[undefined, false, [...SECTIONS]],
		[undefined, true, SECTIONS.filter((s) => SECTION_INFO[s].inQuick)],
		['synth', true, ['synth']],
		['anchor, memory', false, ['memory', 'anchor']],
		['fidelity', true, ['stalls', 'bursts']],
		['bursts,fidelity,stalls', false, ['stalls', 'bursts']],
		['sweep', true, ['sweep']],
	])('--only %j (quick %j)', (only, quick, expected) => {
		expect(selectSections(only, quick)).toEqual(expected);
	});

	it.each(['nope', '', ',', 'anchor,efficiency'])('rejects %j naming every section', (only) => {
		expect(() => selectSections(only, false)).toThrow(UnknownSectionError);
		expect(() => selectSections(only, false)).toThrow(/sections: memory, synth, anchor, stalls, bursts/);
	});

	it('--help names every section and group, and marks the quick ones', () => {
		const help = helpText();
		for (const name of SECTIONS) expect(help).toMatch(new RegExp(`^  ${SECTION_INFO[name].inQuick ? '\\*' : ' '} ${name} `, 'm'));
		expect(help).toContain('fidelity  = stalls, bursts');
		expect(help).toContain('--only');
	});

	it('the quick sections are estimated under 3 minutes on an idle machine', () => {
		const quick = SECTIONS.filter((s) => SECTION_INFO[s].inQuick).reduce((sum, s) => sum + SECTION_INFO[s].estimateS.quick, 0);
		expect(quick).toBeLessThan(180);
	});
});

describe('etaSeconds', () => {
	const plan = [
		{name: 'a', estimateS: 10},
		{name: 'b', estimateS: 20},
		{name: 'c', estimateS: 30},
	];
	it.each([
		// Nothing done yet: the plan's own estimate.
		[{current: 0, fraction: 0, doneS: 0, currentS: 0}, 60],
		// On schedule, half of b done.
		[{current: 1, fraction: 0.5, doneS: 10, currentS: 10}, 40],
		// Twice as slow as estimated: the rest is scaled by 2.
		[{current: 1, fraction: 0.5, doneS: 20, currentS: 20}, 80],
		// Finished.
		[{current: 3, fraction: 0, doneS: 60, currentS: 0}, 0],
		// A section with no steps declared counts as not started (its whole estimate is left).
		[{current: 2, fraction: 0, doneS: 30, currentS: 5}, 30 * (35 / 30)],
	])('%j', (state, expected) => {
		expect(etaSeconds(plan, state)).toBeCloseTo(expected, 6);
	});

	it('clamps the scale, and says nothing for an empty plan', () => {
		expect(etaSeconds(plan, {current: 0, fraction: 0.1, doneS: 0, currentS: 1000})).toBeCloseTo(9 * 10 + 50 * 10, 6);
		expect(etaSeconds([], {current: 0, fraction: 0, doneS: 0, currentS: 0})).toBeNull();
	});

	it.each([
		[0, '0 s'],
		[59.4, '59 s'],
		[60, '1 min 00 s'],
		[125, '2 min 05 s'],
		[-3, '0 s'],
	])('formatSeconds(%j)', (s, text) => {
		expect(formatSeconds(s)).toBe(text);
	});
});
