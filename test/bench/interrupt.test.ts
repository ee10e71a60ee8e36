import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {ROOT} from '../e2e/helpers.js';
import {needsBuild, needsFile} from '../setup/skip.js';

/**
 * The built bench stopped with SIGINT while a section runs a child process:
 * exit 130, the child is gone, the scratch directory is removed, and the
 * results files say "interrupted" and keep every section that finished.
 */
const BENCH = join(ROOT, 'dist', 'bench', 'index.js');
const out = mkdtempSync(join(tmpdir(), 'llmtop-bench-out-'));
afterAll(() => rmSync(out, {recursive: true, force: true}));

/** Direct children of `pid`, from /proc. */
function childrenOf(pid: number): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === pid) pids.push(Number(entry));
		} catch {
			// The process ended meanwhile.
		}
	}
	return pids;
}

describe.skipIf(needsBuild('dist/bench/index.js') || needsFile('/proc', 'the bench reads child processes from'))('bench interrupted (built dist)', () => {
	it('exits 130, stops its children, removes its scratch and keeps the finished sections', async () => {
		const child = spawn(process.execPath, [BENCH, '--quick', '--only', 'memory,bursts', '--out', out], {stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		const burstsRunning = new Promise<void>((resolve, reject) => {
			child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
				stderr += chunk;
				if (/bursts: idle baseline/.test(stderr)) resolve();
			});
			child.once('exit', () => reject(new Error(`bench ended before the bursts section:\n${stderr}`)));
		});
		await burstsRunning;
		const scratch = /scratch (\S+)/.exec(stderr)?.[1];
		expect(scratch).toBeDefined();
		expect(existsSync(scratch!)).toBe(true);
		let grandchildren: number[] = [];
		for (let i = 0; i < 50 && grandchildren.length === 0; i++) {
			grandchildren = childrenOf(child.pid!);
			if (grandchildren.length === 0) await new Promise((r) => setTimeout(r, 100));
		}
		expect(grandchildren.length).toBeGreaterThan(0);
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		child.kill('SIGINT');
		expect(await exited).toBe(130);
		expect(existsSync(scratch!)).toBe(false);
		for (const pid of grandchildren) expect(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')).toBe(false);
		const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {state: string; signal: string; sections: Record<string, {status: string}>};
		expect(results.state).toBe('interrupted');
		expect(results.signal).toBe('SIGINT');
		expect(Object.keys(results.sections)).toEqual(['memory']);
		expect(results.sections.memory!.status).toBe('done');
		const md = readFileSync(join(out, 'results.md'), 'utf8');
		expect(md).toContain('interrupted (SIGINT)');
		expect(md).toContain('not run: bursts');
		expect(stderr).toContain('bench interrupted (SIGINT)');
	}, 240_000);
});
