import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {
	BadModelRefError,
	CorruptModelError,
	EngineError,
	ModelNotFoundError,
	NotAFileError,
	NotGgufError,
	TruncatedModelError,
} from '../../src/engine/errors.js';
import {checkGgufFile} from '../../src/engine/gguf-check.js';
import {tensorByteSize} from '../../src/synth/ggml-types.js';
import {quantizationName} from '../../src/engine/model-facts.js';
import {parseModelRef} from '../../src/engine/model-ref.js';
import {resolveModel} from '../../src/engine/resolve-model.js';
import {needsSharedModel, SHARED_MODEL, tinyGguf} from './gguf-fixture.js';
import {tempCache} from './test-model.js';

const {cacheDir: dir, cleanup} = tempCache();
afterAll(cleanup);

function file(name: string, bytes: Buffer | string): string {
	const path = join(dir, name);
	writeFileSync(path, bytes);
	return path;
}

async function failure(path: string): Promise<EngineError> {
	try {
		await checkGgufFile(path);
	} catch (error) {
		expect(error).toBeInstanceOf(EngineError);
		const e = error as EngineError;
		expect(e.message).not.toContain('\n');
		expect(e.message).toContain(path);
		return e;
	}
	throw new Error(`${path} was accepted`);
}

describe('checkGgufFile: bad model files get named errors before llama.cpp sees them', () => {
	it('accepts a complete GGUF', async () => {
		const checked = await checkGgufFile(file('ok.gguf', tinyGguf()));
		expect(checked.info.metadata.general.name).toBe('fixture');
	});

	it('table of bad inputs', async () => {
		const whole = tinyGguf(64);
		const cases: [string, Buffer | string | null, new (...args: never[]) => EngineError][] = [
			['missing.gguf', null, ModelNotFoundError],
			['zero.gguf', Buffer.alloc(0), NotGgufError],
			['text.gguf', 'this is not a model, just some text\n', NotGgufError],
			['png.gguf', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), NotGgufError],
			['magic-only.gguf', whole.subarray(0, 4), TruncatedModelError],
			['half-fixed-header.gguf', whole.subarray(0, 12), TruncatedModelError],
			['cut-in-metadata.gguf', whole.subarray(0, 40), TruncatedModelError],
			['cut-in-data.gguf', whole.subarray(0, whole.length - 10), TruncatedModelError],
			['version-9.gguf', Buffer.concat([whole.subarray(0, 4), Buffer.from([9, 0, 0, 0]), whole.subarray(8)]), CorruptModelError],
			['huge-counts.gguf', Buffer.concat([whole.subarray(0, 8), Buffer.alloc(8, 0xff), whole.subarray(16)]), CorruptModelError],
		];
		for (const [name, bytes, kind] of cases) {
			const path = bytes == null ? join(dir, name) : file(name, bytes);
			const error = await failure(path);
			expect(error, name).toBeInstanceOf(kind);
		}
	});

	it('a directory is not a model', async () => {
		const sub = join(dir, 'a-directory.gguf');
		mkdirSync(sub);
		expect(await failure(sub)).toBeInstanceOf(NotAFileError);
	});

	it.skipIf(needsSharedModel())('a truncated copy of a real GGUF is caught (header and tensor data)', async () => {
		const real = readFileSync(SHARED_MODEL);
		const ok = await checkGgufFile(SHARED_MODEL);
		const headerEnd = ok.info.infoEndOffset ?? 0;
		for (const cut of [100, 5000, headerEnd - 1, headerEnd, real.length - 1]) {
			const error = await failure(file(`real-cut-${cut}.gguf`, real.subarray(0, cut)));
			expect(error, `cut at ${cut}`).toBeInstanceOf(TruncatedModelError);
		}
	});
});

describe('parseModelRef', () => {
	it('classifies paths, hf: URIs, URLs and synthetic refs', () => {
		expect(parseModelRef('models/x.gguf', '/home/u')).toEqual({kind: 'path', ref: 'models/x.gguf', path: '/home/u/models/x.gguf'});
		expect(parseModelRef('hf:owner/repo:Q4_K_M').kind).toBe('hf');
		expect(parseModelRef('hf:owner/repo').kind).toBe('hf');
		expect(parseModelRef('hf:owner/repo/sub/file.Q8_0.gguf#dev').kind).toBe('hf');
		expect(parseModelRef('huggingface:owner/repo').kind).toBe('hf');
		expect(parseModelRef('https://example.com/m.gguf').kind).toBe('url');
		expect(parseModelRef('synthetic:tiny:Q8_0').kind).toBe('synthetic');
	});

	it('rejects malformed hf: URIs and empty refs with one line', () => {
		for (const ref of [
			'',
			'  ',
			'hf:',
			'hf:owner',
			'hf:owner/',
			'hf:/repo',
			'hf:owner/repo:',
			'hf:owner/repo:a:b',
			'hf:own er/repo',
			'hf:owner/repo/file.bin',
			'hf:owner/repo//x.gguf',
			'hf:owner/repo/f.gguf#',
		]) {
			expect(() => parseModelRef(ref), ref).toThrow(BadModelRefError);
		}
		expect(() => parseModelRef('hf:owner')).toThrow(/^bad model reference "hf:owner": expected "hf:OWNER\/REPO/);
	});
});

describe('resolveModel on a file path', () => {
	it('reports a missing file with the reference as given', async () => {
		await expect(resolveModel('no/such/model.gguf')).rejects.toThrow(ModelNotFoundError);
	});

	it.skipIf(needsSharedModel())('reads model facts from the header', async () => {
		const {facts} = await resolveModel(SHARED_MODEL);
		expect(facts).toMatchObject({
			path: SHARED_MODEL,
			architecture: 'llama',
			quantization: 'F16',
			sizeBytes: 1_750_560,
			synthetic: false,
			trainContextSize: 4096,
			vocabularySize: 32_000,
		});
		// 32000 x 8 embeddings and output, 1 layer of width 8 with a 32-wide FFN, norms.
		expect(facts.parameterCount).toBe(513_048);
	});
});

describe('facts helpers', () => {
	it('names quantizations as llama.cpp does', () => {
		expect(quantizationName(15)).toBe('Q4_K_M');
		expect(quantizationName(7)).toBe('Q8_0');
		expect(quantizationName(0)).toBe('F32');
		expect(
			quantizationName(undefined, [
				{ggmlType: 8, dimensions: [64, 64]},
				{ggmlType: 0, dimensions: [64]},
			]),
		).toBe('Q8_0');
		expect(quantizationName(undefined, [])).toBe('unknown');
	});

	it('sizes tensors by block', () => {
		expect(tensorByteSize(0, [10, 3])).toBe(120);
		expect(tensorByteSize(8, [64, 2])).toBe(2 * 2 * 34);
		expect(tensorByteSize(12, [256n, 4n])).toBe(4 * 144);
		expect(tensorByteSize(999, [1])).toBeNull();
	});
});
