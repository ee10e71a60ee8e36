import {expect} from 'vitest';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';

/** Whether `pid` has exited (gone, or a zombie waiting to be reaped). */
export function hasExited(pid: number): boolean {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	try {
		process.kill(pid, 0);
		return false;
	} catch {
		return true;
	}
}

/** Polls until `pid` has exited; false if it is still running after `limitMs` (a bound, not a timing claim). */
export async function waitExited(pid: number, limitMs = 15_000): Promise<boolean> {
	const end = Date.now() + limitMs;
	while (Date.now() < end) {
		if (hasExited(pid)) return true;
		await sleep(25);
	}
	return hasExited(pid);
}

const INTERMEDIATE = `'use strict';
const {spawn} = require('node:child_process');
const fs = require('node:fs');
const {command, args, fd3Path} = JSON.parse(process.argv[1]);
const stdio = ['ignore', 'pipe', 'ignore'];
if (fd3Path) stdio.push(fs.openSync(fd3Path, 'w+'));
const child = spawn(command, args.map((a) => (a === 'PARENT' ? String(process.pid) : a)), {stdio});
child.stdout.resume();
child.once('spawn', () => process.stdout.write(child.pid + '\\n'));
setInterval(() => {}, 1000);
`;

/**
 * Starts a throwaway parent process that starts `command` (with `PARENT` in
 * args replaced by its own pid), then SIGKILLs that parent; returns the pid
 * of the child it left behind. `withFd3`: give the child a counter file as fd 3 (load workers).
 */
export async function orphanAfterParentSigkill(command: string, args: string[], withFd3 = false): Promise<number> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llmtop-orphan-test-'));
	try {
		return await orphan(command, args, withFd3 ? path.join(dir, 'ops') : undefined);
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
}

async function orphan(command: string, args: string[], fd3Path: string | undefined): Promise<number> {
	const parent = spawn(process.execPath, ['-e', INTERMEDIATE, JSON.stringify({command, args, fd3Path})], {stdio: ['ignore', 'pipe', 'inherit']});
	const pid = await new Promise<number>((resolve, reject) => {
		let text = '';
		parent.stdout!.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			if (text.includes('\n')) resolve(Number(text.trim()));
		});
		parent.once('exit', () => reject(new Error('intermediate parent exited early')));
	});
	await sleep(200);
	expect(hasExited(pid)).toBe(false);
	parent.kill('SIGKILL');
	await new Promise((resolve) => parent.once('exit', resolve));
	return pid;
}
