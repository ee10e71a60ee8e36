import {execFileSync} from 'node:child_process';
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli, tempDir} from './helpers.js';
import {needsBuild, skipUnless} from '../setup/skip.js';

/** Mounts a 64 KiB tmpfs at a fresh folder and fills it; undefined (with why) where that is not allowed. */
function fullDisk(): {dir: string; unmount(): void} | {reason: string} {
	if (process.platform !== 'linux' || process.getuid?.() !== 0) return {reason: 'needs root on Linux to mount a tiny tmpfs'};
	const dir = tempDir('llmtop-full-');
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], {stdio: 'pipe'});
	} catch (error) {
		return {reason: `mount -t tmpfs failed: ${String((error as Error).message).split('\n')[0]}`};
	}
	mkdirSync(join(dir, 'out'));
	try {
		writeFileSync(join(dir, 'fill'), Buffer.alloc(1024 * 1024));
	} catch {
		// ENOSPC: full, as wanted
	}
	return {dir, unmount: () => execFileSync('umount', [dir])};
}

const disk = needsBuild() ? {reason: 'the CLI is not built'} : fullDisk();

describe.skipIf('reason' in disk && skipUnless(false, `the full-disk sweep: ${disk.reason}`))('llmtop sweep on a full disk', () => {
	afterAll(() => {
		if (!('reason' in disk)) disk.unmount();
	});

	it('stops before running anything: one line naming the file and the full disk, exit 2', async () => {
		if ('reason' in disk) return;
		const out = join(disk.dir, 'out');
		const result = await runCli(['sweep', '--headless', '--model', 'synthetic:tiny', '--quiet-wait', '0', '--out-dir', out]);
		expect(result.code).toBe(2);
		expect(result.stderr.trim().split('\n')).toEqual([`llmtop: cannot write ${join(out, 'sweep.json')}: the disk is full`]);
		expect(readdirSync(out).filter((name) => name.endsWith('.events.jsonl'))).toEqual([]);
	});
});
