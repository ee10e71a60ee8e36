import {chmod, mkdir, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {PassThrough, Writable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Io} from '../../src/cli/io.js';
import type {SynthOptions} from '../../src/cli/commands/synth-command.js';
import {main, reportError} from '../../src/cli/main.js';
import {estimateFileSize} from '../../src/synth/index.js';
import {entries, tempDir} from '../synth/helpers.js';
import {skipUnless} from '../setup/skip.js';

/** The options of `llmtop synth`, turned into its command line below. */
type SynthCommandOptions = SynthOptions;

class Capture extends Writable {
	text = '';
	isTTY = false;
	onWrite: ((text: string) => void) | undefined;

	override _write(chunk: Buffer, _encoding: string, done: () => void): void {
		this.text += chunk.toString();
		this.onWrite?.(chunk.toString());
		done();
	}
}

function argvOf(opts: SynthCommandOptions): string[] {
	return [
		'synth',
		...(opts.preset === undefined ? [] : [opts.preset]),
		...(opts.out === undefined ? [] : ['--out', opts.out]),
		...(opts.quant === undefined ? [] : ['--quant', opts.quant]),
		...(opts.seed === undefined ? [] : ['--seed', String(opts.seed)]),
		...(opts.like === undefined ? [] : ['--like', opts.like]),
		...(opts.list ? ['--list'] : []),
	];
}

/** Runs `llmtop synth` in this process as the real entry does (an error becomes one line and exit 2). */
async function run(opts: SynthCommandOptions, stderrStream?: Capture): Promise<{code: number; stdout: string; stderr: string}> {
	let stdout = '';
	let stderr = '';
	const io: Io = {
		out: (text) => (stdout += `${text}\n`),
		err: (text) => (stderr += `${text}\n`),
		stdoutIsTTY: false,
		stdinIsTTY: false,
		stdin: new PassThrough() as unknown as NodeJS.ReadStream,
		stdout: new PassThrough() as unknown as NodeJS.WriteStream,
		...(stderrStream ? {stderr: stderrStream} : {}),
	};
	let code: number;
	try {
		code = await main(argvOf(opts), io);
	} catch (error) {
		code = reportError(error, io, 'synth');
	}
	return {code, stdout, stderr};
}

describe('llmtop synth', () => {
	let dir: string;
	let cleanup: () => Promise<void>;
	beforeAll(async () => ({dir, cleanup} = await tempDir()));
	afterAll(() => cleanup());

	it('--list prints parameter count and file size per preset and quant', async () => {
		const {code, stdout} = await run({list: true});
		expect(code).toBe(0);
		const lines = stdout.split('\n');
		expect(lines[0]).toMatch(/^preset\s+params\s+F16\s+Q8_0\s+Q6_K\s+Q5_K_M\s+Q5_0\s+Q4_K_M\s+Q4_0$/);
		expect(lines.find((line) => line.startsWith('llama-3.2-1b'))).toMatch(/1\.24B .* 8\d\dM\*/);
		for (const preset of ['tiny', 'smollm2-135m', 'qwen2.5-0.5b', 'tinyllama-1.1b', 'lfm2.5-1.2b', 'llama-3.2-3b']) {
			expect(lines.some((line) => line.startsWith(`${preset} `))).toBe(true);
		}
	});

	it('writes a preset and says what it wrote, clearing what a killed writer left', async () => {
		const out = join(dir, 'tiny-q4.gguf');
		const stale = join(dir, '.tiny-q4.gguf.tmp-999999999-3');
		await writeFile(stale, 'half a file');
		const {code, stdout, stderr} = await run({preset: 'tiny', quant: 'q4_k_m', seed: 5, out});
		expect(await entries(dir)).not.toContain('.tiny-q4.gguf.tmp-999999999-3');
		expect(code).toBe(0);
		expect(stderr).toBe('');
		expect(stdout).toMatch(/^wrote .*tiny-q4\.gguf: synthetic tiny, Q4_K_M, 1\.7M parameters/);
		expect((await stat(out)).size).toBe(estimateFileSize('tiny', 'Q4_K_M'));
	});

	describe('bad input: one line on stderr, exit 2, nothing left behind', () => {
		const cases: [string, (d: string) => Promise<SynthCommandOptions>, RegExp][] = [
			[
				'unknown preset',
				async (d) => ({preset: 'llama-9b', out: join(d, 'x.gguf')}),
				/unknown synthetic preset "llama-9b" \(valid presets: tiny, smollm2-135m, .*llama-3\.2-3b\)/,
			],
			[
				'unknown quant',
				async (d) => ({preset: 'tiny', quant: 'Q3_K_M', out: join(d, 'x.gguf')}),
				/unknown quantization "Q3_K_M" \(valid quantizations: F16, Q8_0, Q6_K, Q5_K_M, Q5_0, Q4_K_M, Q4_0\)/,
			],
			['missing directory', async (d) => ({preset: 'tiny', out: join(d, 'no', 'such', 'x.gguf')}), /cannot write .*x\.gguf: directory .* does not exist/],
			['output is a directory', async (d) => ({preset: 'tiny', out: d}), /is a directory/],
			[
				'parent is a file',
				async (d) => {
					await writeFile(join(d, 'plain'), 'x');
					return {preset: 'tiny', out: join(d, 'plain', 'x.gguf')};
				},
				/is not a directory/,
			],
			['missing --like file', async (d) => ({like: join(d, 'absent.gguf'), out: join(d, 'x.gguf')}), /cannot clone .*absent\.gguf: file does not exist/],
			['missing --out', async () => ({preset: 'tiny'}), /missing --out FILE/],
			['no preset', async (d) => ({out: join(d, 'x.gguf')}), /missing PRESET/],
			['preset and --like', async (d) => ({preset: 'tiny', like: join(d, 'a.gguf'), out: join(d, 'x.gguf')}), /not both/],
			['--quant with --like', async (d) => ({like: join(d, 'a.gguf'), quant: 'Q8_0', out: join(d, 'x.gguf')}), /--quant does not apply to --like/],
			['invalid seed', async (d) => ({preset: 'tiny', seed: 1.5, out: join(d, 'x.gguf')}), /--seed must be an integer; got '1\.5'/],
			['--list with a preset', async () => ({list: true, preset: 'tiny'}), /--list takes no preset/],
		];

		it.each(cases)('%s', async (_, make, message) => {
			const {dir: caseDir, cleanup: done} = await tempDir();
			try {
				const opts = await make(caseDir);
				const before = await entries(caseDir);
				const {code, stdout, stderr} = await run(opts);
				expect(code).toBe(2);
				expect(stdout).toBe('');
				expect(stderr).toMatch(message);
				expect(stderr.trimEnd().split('\n')).toHaveLength(1);
				expect(await entries(caseDir)).toEqual(before);
			} finally {
				await done();
			}
		});

		const root = process.getuid?.() === 0;
		it.skipIf(skipUnless(!root, 'running as root, which ignores directory permissions (the read-only file system case stands in)'))(
			'read-only directory',
			async () => {
				const readOnly = join(dir, 'read-only');
				await mkdir(readOnly);
				await chmod(readOnly, 0o555);
				const {code, stderr} = await run({preset: 'tiny', out: join(readOnly, 'x.gguf')});
				expect(code).toBe(2);
				expect(stderr).toMatch(/not writable/);
				expect(await entries(readOnly)).toEqual([]);
			},
		);

		it.skipIf(skipUnless(root, 'not root: a read-only directory is refused by permissions (the case above), no read-only file system needed'))(
			'read-only directory (root ignores permissions: a read-only file system stands in)',
			async () => {
				const {code, stderr} = await run({preset: 'tiny', out: '/proc/llmtop-synth-test.gguf'});
				expect(code).toBe(2);
				expect(stderr).toMatch(/cannot write \/proc\/llmtop-synth-test\.gguf/);
			},
		);
	});

	it('an interrupted write (SIGINT) exits 130 and leaves no file, not even a temporary one', async () => {
		const {dir: caseDir, cleanup: done} = await tempDir();
		try {
			const stderr = new Capture();
			stderr.isTTY = true;
			stderr.onWrite = (text) => {
				if (text.includes('writing')) process.emit('SIGINT');
			};
			const {code, stderr: lines} = await run({preset: 'tiny', out: join(caseDir, 'x.gguf')}, stderr);
			expect(code).toBe(130);
			expect(lines).toMatch(/interrupted; no file was written/);
			expect(await entries(caseDir)).toEqual([]);
		} finally {
			await done();
		}
	});
});
