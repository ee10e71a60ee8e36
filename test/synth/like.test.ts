import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {readGgufFileInfo} from 'node-llama-cpp';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {concatBytes, encodeHeader, encodeKv, encodePadding, encodeTensorInfo} from '../../src/synth/gguf-encode.js';
import {LikeModelError, writeLikeModel, writeSyntheticModel} from '../../src/synth/index.js';
import {cpuLlama, entries, SHARED_TINY_LLAMA, tempDir} from './helpers.js';
import {needsSharedModel} from '../setup/skip.js';

async function shapes(path: string): Promise<{tensors: [string, number[], number][]; parameters: number}> {
	const info = await readGgufFileInfo(path, {logWarnings: false});
	const tensors = (info.fullTensorInfo ?? []).map((t) => [t.name, t.dimensions.map(Number), t.ggmlType] as [string, number[], number]);
	return {tensors, parameters: tensors.reduce((sum, [, dims]) => sum + dims.reduce((a, b) => a * b, 1), 0)};
}

function handMadeGguf(architecture: string, ggmlType: number, dataBytes: number): Uint8Array {
	const header = concatBytes([
		encodeHeader(1, 1),
		encodeKv({key: 'general.architecture', value: {type: 'string', value: architecture}}),
		encodeTensorInfo({name: 'token_embd.weight', dims: [256, 512], ggmlType, offset: 0}),
	]);
	return concatBytes([header, encodePadding(header.length), new Uint8Array(dataBytes)]);
}

describe('--like: cloning an existing GGUF header', () => {
	let dir: string;
	let cleanup: () => Promise<void>;
	beforeAll(async () => ({dir, cleanup} = await tempDir()));
	afterAll(() => cleanup());

	it.skipIf(needsSharedModel())('clones llama-2-tiny-random.gguf: same tensor shapes, types and parameter count; it loads', async () => {
		const out = join(dir, 'like-llama2.gguf');
		const result = await writeLikeModel({like: SHARED_TINY_LLAMA, out});
		const original = await shapes(SHARED_TINY_LLAMA);
		const clone = await shapes(out);
		expect(clone.tensors).toEqual(original.tensors);
		expect(clone.parameters).toBe(original.parameters);
		expect(result).toMatchObject({parameterCount: original.parameters, quant: 'F16'});
		const info = await readGgufFileInfo(out, {logWarnings: false});
		expect(info.metadata.llama).toMatchObject((await readGgufFileInfo(SHARED_TINY_LLAMA, {logWarnings: false})).metadata.llama!);
		const model = await (await cpuLlama()).loadModel({modelPath: out});
		expect(model.tokenize('hello world').length).toBeGreaterThan(0);
		await model.dispose();
	});

	it('clones a quantized synthetic model (tied embeddings, K-quant mix) exactly', async () => {
		const source = join(dir, 'source.gguf');
		await writeSyntheticModel({preset: 'tiny', quant: 'Q5_K_M', out: source});
		const out = join(dir, 'clone.gguf');
		const result = await writeLikeModel({like: source, out, seed: 1});
		expect((await shapes(out)).tensors).toEqual((await shapes(source)).tensors);
		expect(result.quant).toBe('Q5_K_M');
		const dataBytes = async (path: string): Promise<number> =>
			(await readFile(path)).length - Number((await readGgufFileInfo(path, {logWarnings: false})).fullTensorInfo![0]!.fileOffset);
		expect(await dataBytes(out)).toBe(await dataBytes(source));
	});

	it.each([
		['missing', async (d: string) => join(d, 'nope.gguf'), /file does not exist/],
		['a directory', async (d: string) => d, /not a regular file/],
		['not GGUF', async (d: string) => write(join(d, 'text.gguf'), new TextEncoder().encode('hello, not a model')), /not a GGUF file/],
		['empty', async (d: string) => write(join(d, 'empty.gguf'), new Uint8Array()), /not a GGUF file/],
		['truncated in the header', async (d: string) => truncated(d, 'head.gguf', 200), /truncated/],
		['truncated in the data', async (d: string) => truncated(d, 'data.gguf', -1000), /truncated/],
		[
			'a non-llama architecture',
			async (d: string) => write(join(d, 'qwen.gguf'), handMadeGguf('qwen2', 8, (512 * 256 * 34) / 32)),
			/architecture "qwen2" cannot be emulated/,
		],
		[
			'an unsupported tensor type',
			async (d: string) => write(join(d, 'q2k.gguf'), handMadeGguf('llama', 10, 512 * 84)),
			/unsupported tensor types: ggml type 10/,
		],
	])('refuses a --like file that is %s, with one clear line and nothing written', async (_, make, message) => {
		const like = await make(dir);
		const out = join(dir, 'never.gguf');
		const before = await entries(dir);
		const error = await writeLikeModel({like, out}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LikeModelError);
		expect((error as Error).message).toMatch(message);
		expect((error as Error).message).not.toContain('\n');
		expect(await entries(dir)).toEqual(before);
	});

	async function write(path: string, bytes: Uint8Array): Promise<string> {
		await writeFile(path, bytes);
		return path;
	}

	async function truncated(d: string, name: string, keep: number): Promise<string> {
		const source = join(d, `full-${name}`);
		await writeSyntheticModel({preset: 'tiny', out: source});
		const bytes = await readFile(source);
		return write(join(d, name), bytes.subarray(0, keep > 0 ? keep : bytes.length + keep));
	}
});
