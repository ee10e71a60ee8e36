import {describe, expect, it} from 'vitest';
import {applyLines, initialLive} from '../../src/sweep/live-figures.js';

const line = (event: object): string => `${JSON.stringify(event)}\n`;

describe('live figures of the running configuration', () => {
	it('counts prompts, tokens, the active CPU mean and the current prompt rate from event lines', () => {
		const text = [
			line({
				type: 'run-start',
				t: 0,
				suite: {
					name: 's',
					path: 's',
					prompts: [
						{id: 'a', prompt: 'x'},
						{id: 'b', prompt: 'y'},
					],
				},
			}),
			line({type: 'phase', t: 1, name: 'idle-before'}),
			line({type: 'sample', t: 100, phase: 'idle-before', cpuPct: 1, cores: 0, rssBytes: 10, systemCpuPct: 1}),
			line({type: 'phase', t: 200, name: 'prompts'}),
			line({type: 'prompt-start', t: 200, promptId: 'a'}),
			line({type: 'sample', t: 300, phase: 'prompts', cpuPct: 40, cores: 0, rssBytes: 20, systemCpuPct: 50}),
			line({type: 'token', t: 300, promptId: 'a', index: 0}),
			line({type: 'token', t: 400, promptId: 'a', index: 1}),
			line({type: 'token', t: 500, promptId: 'a', index: 2}),
			line({type: 'sample', t: 400, phase: 'prompts', cpuPct: 60, cores: 0, rssBytes: 30, systemCpuPct: 70}),
			line({type: 'prompt-end', t: 500, promptId: 'a', status: 'ok'}),
		].join('');
		const live = applyLines(initialLive(), text);
		expect(live).toMatchObject({phase: 'prompts', promptsDone: 1, promptsTotal: 2, cpuPct: 60, activeCpuMean: 50, rssBytes: 30, tokens: 3, tokensPerSec: 10});
	});

	it('ignores blank and malformed lines (a line cut by a crash)', () => {
		const live = applyLines(initialLive(), '\n{"type":"phase","t":1,"name":"load"}\n{"type":"sam');
		expect(live.phase).toBe('load');
		expect(applyLines(initialLive(), 'not json\n[]\nnull\n')).toEqual(initialLive());
	});
});
