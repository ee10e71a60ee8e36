import {describe, expect, it} from 'vitest';
import {IntervalLabel} from '../../src/session/interval-label.js';

describe('IntervalLabel', () => {
	it('gives each interval the label that held for most of it', () => {
		const label = new IntervalLabel('idle');
		expect(label.of(100, 100)).toBe('idle');
		label.set('prompts', 170);
		expect(label.of(200, 100)).toBe('idle');
		expect(label.of(300, 100)).toBe('prompts');
		label.set('idle', 310);
		expect(label.of(400, 100)).toBe('idle');
		expect(label.current).toBe('idle');
	});

	it('a change in the first half of the interval labels it with the new value', () => {
		const label = new IntervalLabel<string | undefined>(undefined);
		label.set('p1', 120);
		expect(label.of(200, 100)).toBe('p1');
	});

	it('setting the same value is not a change', () => {
		const label = new IntervalLabel('a');
		label.set('b', 100);
		label.set('b', 190);
		expect(label.of(200, 100)).toBe('b');
	});
});

describe('IntervalLabel with back-to-back changes', () => {
	it('forgets a label that held for under 1 ms (one prompt ending as the next starts)', () => {
		const label = new IntervalLabel<string | undefined>('a');
		label.set(undefined, 1000);
		label.set('b', 1000.2);
		expect(label.of(1040, 100)).toBe('a');
		expect(label.of(1100, 100)).toBe('b');
	});
});

describe('IntervalLabel with a preferred side', () => {
	const busy = (phase: string): boolean => phase === 'prompts' || phase === 'load';

	it('an interval that touches a busy phase belongs to it, whichever side held longer', () => {
		const label = new IntervalLabel<string>('idle-before', busy);
		label.set('prompts', 195);
		expect(label.of(200, 100)).toBe('prompts');
		label.set('idle-after', 305);
		expect(label.of(400, 100)).toBe('prompts');
		expect(label.of(406, 100)).toBe('idle-after');
	});

	it('between two quiet (or two busy) labels the majority decides', () => {
		const label = new IntervalLabel<string>('load', busy);
		label.set('prompts', 130);
		expect(label.of(200, 100)).toBe('prompts');
		label.set('done', 290);
		label.set('idle-after', 290.5);
		expect(label.of(300, 100)).toBe('prompts');
	});
});
