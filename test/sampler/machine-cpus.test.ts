import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cgroupQuota, cgroupV2Path, parseCpuMax, readMachineCpus} from '../../src/sampler/machine-cpus.js';
import {ROOT} from '../e2e/helpers.js';
import {needsBuild, skipUnless} from '../setup/skip.js';

/** Issue 12: one definition of the machine's CPUs for the sampler, the cap and the criteria. */

describe('parseCpuMax', () => {
	it.each([
		['max 100000', null],
		['150000 100000', 1.5],
		['100000 100000\n', 1],
		['50000 100000', 0.5],
		['200000', 2],
		['', null],
		['0 100000', null],
		['abc 100000', null],
	])('%j -> %s', (text, cpus) => {
		expect(parseCpuMax(text)).toBe(cpus);
	});
});

describe('cgroup quota', () => {
	const files =
		(entries: Record<string, string>) =>
		(path: string): string => {
			const text = entries[path];
			if (text === undefined) throw Object.assign(new Error(`ENOENT ${path}`), {code: 'ENOENT'});
			return text;
		};

	it('finds the cgroup v2 path', () => {
		expect(cgroupV2Path('0::/user.slice/app.scope\n')).toBe('/user.slice/app.scope');
		expect(cgroupV2Path('4:memory:/x\n0::/\n')).toBe('/');
		expect(cgroupV2Path('1:cpu:/\n')).toBeNull();
	});

	it('takes the tightest cpu.max along the path', () => {
		const readText = files({
			'/proc/self/cgroup': '0::/a/b\n',
			'/cg/a/b/cpu.max': 'max 100000',
			'/cg/a/cpu.max': '150000 100000',
		});
		expect(cgroupQuota({readText, cgroupRoot: '/cg'})).toBe(1.5);
		expect(readMachineCpus({readText, cgroupRoot: '/cg', affinity: 4})).toEqual({count: 1.5, source: 'cgroup-quota', affinity: 4, quota: 1.5});
	});

	it('a quota above the affinity does not raise it; no cgroup v2 means affinity alone', () => {
		const readText = files({'/proc/self/cgroup': '0::/\n', '/cg/cpu.max': '800000 100000'});
		expect(readMachineCpus({readText, cgroupRoot: '/cg', affinity: 2})).toEqual({count: 2, source: 'affinity', affinity: 2, quota: 8});
		expect(readMachineCpus({readText: files({}), affinity: 3})).toEqual({count: 3, source: 'affinity', affinity: 3, quota: null});
	});

	it('on this machine: the affinity, or a lower quota', () => {
		const machine = readMachineCpus();
		expect(machine.affinity).toBe(os.availableParallelism());
		expect(machine.count).toBeLessThanOrEqual(machine.affinity);
	});
});

const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
describe.skipIf(needsBuild() || skipUnless(hasTaskset, 'taskset is not available here (util-linux)'))(
	'under taskset -c 0 (a child process pinned to one CPU)',
	() => {
		it('the sampler, the cap, the host facts and the criteria agree on 1 CPU (was: cap 2 cores, sampler 2)', () => {
			const script = `
			const {readMachineCpus, readHostInfo, startSampler} = await import(${JSON.stringify(join(ROOT, 'dist/src/sampler/index.js'))});
			const {createCpuCapPace} = await import(${JSON.stringify(join(ROOT, 'dist/src/engine/cpu-cap.js'))});
			const host = await readHostInfo();
			const cap = createCpuCapPace({capPct: 35});
			const keepAlive = setInterval(() => {}, 1000);
			const reading = await new Promise((resolve) => {
				const sampler = startSampler({intervalMs: 50, onSample: (r) => { sampler.stop(); resolve(r); }});
			});
			clearInterval(keepAlive);
			console.log(JSON.stringify({machine: readMachineCpus().count, host: host.cpusAvailable, source: host.cpusSource, logical: host.logicalCores, cap: cap.cores, ratio: reading.cpuPct > 0 ? reading.cores / reading.cpuPct * 100 : 1}));
		`;
			const out = execFileSync('taskset', ['-c', '0', process.execPath, '--input-type=module', '-e', script], {encoding: 'utf8', timeout: 30_000});
			const facts = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number | string>;
			expect(facts).toMatchObject({machine: 1, host: 1, source: 'affinity', cap: 1});
			expect(facts['ratio']).toBeCloseTo(1, 6);
			expect(facts['logical']).toBe(os.cpus().length);
		});
	},
);

it.skipIf(needsBuild())('the built files exist where the taskset test imports them', () => {
	expect(existsSync(join(ROOT, 'dist/src/sampler/machine-cpus.js'))).toBe(true);
});
