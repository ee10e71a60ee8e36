import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {entries, tempDir} from './helpers.js';
import {needsFile} from '../setup/skip.js';

const VITE_NODE = fileURLToPath(new URL('../../node_modules/.bin/vite-node', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/interrupt-child.ts', import.meta.url));

describe('llmtop synth and a real SIGINT', () => {
	it.skipIf(needsFile(VITE_NODE, 'vite-node (it runs the synth CLI from source)'))('exits 130 and leaves no file, not even a temporary one', async () => {
		const {dir, cleanup} = await tempDir();
		try {
			const child = spawn(VITE_NODE, [CHILD, join(dir, 'model.gguf')], {stdio: ['ignore', 'pipe', 'pipe']});
			let stderr = '';
			child.stderr.on('data', (data: Buffer) => {
				stderr += data.toString();
				if (stderr.includes('writing') && child.exitCode === null && !child.killed) child.kill('SIGINT');
			});
			const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
			expect(stderr).toContain('interrupted; no file was written');
			expect(code).toBe(130);
			expect(await entries(dir)).toEqual([]);
		} finally {
			await cleanup();
		}
	});
});
