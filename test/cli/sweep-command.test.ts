import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runInProcess} from './in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'llmtop-sweep-input-'));
const file = (name: string, text: string): string => {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
};
const out = join(dir, 'out');

describe('llmtop sweep: bad input is one line and exit 2, before anything runs', () => {
	it.each([
		['no --out-dir', ['--model', 'synthetic:tiny'], /sweep needs --out-dir DIR/],
		['no model', ['--out-dir', out], /the matrix has no model/],
		['an unknown preset', ['--model', 'synthetic:tiny,synthetic:nope', '--out-dir', out], /unknown synthetic preset "nope"/],
		['an unknown quant', ['--model', 'synthetic:tiny:Q3_X', '--out-dir', out], /unknown quantization "Q3_X"/],
		['a missing model file', ['--model', join(dir, 'missing.gguf'), '--out-dir', out], /missing\.gguf: no such file/],
		['threads 0', ['--model', 'synthetic:tiny', '--threads', '1,0', '--out-dir', out], /threads: '0' is not an integer/],
		['a cap of 0', ['--model', 'synthetic:tiny', '--cpu-cap', 'off,0', '--out-dir', out], /cpu-cap: '0' is not a percentage/],
		['an empty matrix file', ['--matrix', file('empty.yaml', '\n'), '--out-dir', out], /empty\.yaml: the matrix is empty/],
		[
			'an unknown matrix key',
			['--matrix', file('typo.yaml', 'model: [synthetic:tiny]\nthread: [1]\n'), '--out-dir', out],
			/typo\.yaml:2: unknown key 'thread'/,
		],
		['a missing matrix file', ['--matrix', join(dir, 'nope.yaml'), '--out-dir', out], /nope\.yaml: no such file/],
		['a matrix and lever flags', ['--matrix', file('m.yaml', 'model: synthetic:tiny\n'), '--threads', '1', '--out-dir', out], /either as flags or in --matrix/],
		[
			'an unknown preset in the matrix',
			['--matrix', file('bad-preset.yaml', 'model: [synthetic:huge]\n'), '--out-dir', out],
			/unknown synthetic preset "huge"/,
		],
		['an out-dir that is a file', ['--model', 'synthetic:tiny', '--out-dir', file('a-file', 'x')], /--out-dir .*a-file: not a folder/],
		['a missing suite', ['--model', 'synthetic:tiny', '--suite', join(dir, 'none.yaml'), '--out-dir', out], /none\.yaml/],
	])('%s', async (_name, args, message) => {
		const result = await runInProcess(['sweep', ...args]);
		expect(result.code).toBe(2);
		expect(result.stderr).toHaveLength(1);
		expect(result.stderr[0]).toMatch(message);
		expect(result.stderr[0]).not.toMatch(/\n\s+at /);
		expect(result.stdout).toEqual([]);
	});

	it('lists sweep in llmtop --help and documents the default subset in sweep --help', async () => {
		expect((await runInProcess(['--help'])).stdout.join('\n')).toMatch(/llmtop sweep .*--out-dir DIR/);
		const help = (await runInProcess(['sweep', '--help'])).stdout.join('\n');
		expect(help).toMatch(/smoke suite \(4 short prompts\)/);
		expect(help).toMatch(/--quiet-wait S/);
	});
});
