import {describe, expect, it} from 'vitest';
import {PauseGate} from '../../src/session/pause-gate.js';

describe('PauseGate', () => {
	it('passes straight through when no pause was asked for', async () => {
		const seen: boolean[] = [];
		await new PauseGate().gate((paused) => seen.push(paused));
		expect(seen).toEqual([]);
	});

	it('holds at the gate after toggle, until toggled again', async () => {
		const gate = new PauseGate();
		const seen: boolean[] = [];
		gate.toggle();
		expect(gate.requested).toBe(true);
		const held = gate.gate((paused) => seen.push(paused));
		expect(gate.paused).toBe(true);
		expect(seen).toEqual([true]);
		gate.toggle();
		await held;
		expect(seen).toEqual([true, false]);
		expect(gate.paused).toBe(false);
	});

	it('a second toggle before the gate withdraws the request', async () => {
		const gate = new PauseGate();
		gate.toggle();
		gate.toggle();
		const seen: boolean[] = [];
		await gate.gate((paused) => seen.push(paused));
		expect(seen).toEqual([]);
	});

	it('release() lets a paused run go (as stop does)', async () => {
		const gate = new PauseGate();
		gate.toggle();
		const held = gate.gate(() => undefined);
		gate.release();
		await held;
		expect(gate.paused).toBe(false);
	});
});
