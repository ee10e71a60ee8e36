import {describe, expect, it} from 'vitest';
import {applyWaitPolicy, resolveWaitPolicy} from '../../src/engine/wait-policy.js';

describe('resolveWaitPolicy', () => {
	it.each([
		[{}, 'default', 'default'],
		[{recorded: 'active' as const}, 'active', 'engine build'],
		[{env: 'PASSIVE', recorded: 'active' as const}, 'passive', 'environment'],
		[{env: ' active '}, 'active', 'environment'],
		[{env: 'spin', recorded: 'passive' as const}, 'passive', 'engine build'],
		[{env: '', recorded: 'passive' as const}, 'passive', 'engine build'],
		[{flag: 'default', env: 'ACTIVE', recorded: 'active' as const}, 'default', 'flag'],
		[{flag: 'active', env: 'PASSIVE'}, 'active', 'flag'],
	])('%j gives %s from %s', (inputs, policy, source) => {
		expect(resolveWaitPolicy(inputs)).toEqual({policy, source});
	});
});

describe('applyWaitPolicy', () => {
	it('sets OMP_WAIT_POLICY in upper case, and removes it for default', () => {
		const env: NodeJS.ProcessEnv = {OTHER: 'x'};
		applyWaitPolicy('active', env);
		expect(env).toEqual({OTHER: 'x', OMP_WAIT_POLICY: 'ACTIVE'});
		applyWaitPolicy('passive', env);
		expect(env['OMP_WAIT_POLICY']).toBe('PASSIVE');
		applyWaitPolicy('default', env);
		expect(env).toEqual({OTHER: 'x'});
	});
});
