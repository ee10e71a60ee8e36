/**
 * The OpenMP wait policy a local build runs with. libgomp reads
 * `OMP_WAIT_POLICY` from the process environment once, when the addon is
 * loaded (in the engine's worker thread), so it is set here, in the main
 * thread's real environment, before the engine starts. The prebuilt addon has
 * no OpenMP and ignores it.
 */
import {findLocalBuild, WAIT_POLICIES, type WaitPolicy} from './local-build.js';

/** Where the policy came from. */
export type WaitPolicySource = 'flag' | 'environment' | 'engine build' | 'default';

/** Inputs of {@link resolveWaitPolicy}. */
export interface WaitPolicyInputs {
	/** `--wait-policy`. */
	flag?: string | undefined;
	/** `OMP_WAIT_POLICY` as the user set it. */
	env?: string | undefined;
	/** What `llmtop engine build` recorded. */
	recorded?: WaitPolicy | undefined;
}

/** The policy to use: `--wait-policy`, else `OMP_WAIT_POLICY`, else the one recorded at build time, else `default`. */
export function resolveWaitPolicy(inputs: WaitPolicyInputs): {policy: WaitPolicy; source: WaitPolicySource} {
	const flag = asPolicy(inputs.flag);
	if (flag) return {policy: flag, source: 'flag'};
	const env = asPolicy(inputs.env);
	if (env && env !== 'default') return {policy: env, source: 'environment'};
	if (inputs.recorded) return {policy: inputs.recorded, source: 'engine build'};
	return {policy: 'default', source: 'default'};
}

/** Sets (or, for `default`, removes) `OMP_WAIT_POLICY` in `env`. */
export function applyWaitPolicy(policy: WaitPolicy, env: NodeJS.ProcessEnv = process.env): void {
	if (policy === 'default') delete env['OMP_WAIT_POLICY'];
	else env['OMP_WAIT_POLICY'] = policy.toUpperCase();
}

/** Resolves the policy for a run on a local build and applies it to this process's environment; returns it. */
export function applyResolvedWaitPolicy(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): WaitPolicy {
	const {policy} = resolveWaitPolicy({flag, env: env['OMP_WAIT_POLICY'], recorded: findLocalBuild()?.record?.waitPolicy});
	applyWaitPolicy(policy, env);
	return policy;
}

function asPolicy(value: string | undefined): WaitPolicy | undefined {
	const lower = value?.trim().toLowerCase();
	return WAIT_POLICIES.find((policy) => policy === lower);
}
