import {open, writeFile} from 'node:fs/promises';
import {FILE_TYPES} from '../../src/synth/file-types.js';
import type {GgufKv} from '../../src/synth/gguf-encode.js';
import {layoutGguf, type TensorPlan} from '../../src/synth/gguf-layout.js';
import {llamaTensors, type LlamaShape} from '../../src/synth/llama-shape.js';
import {llamaHyperparameters, syntheticMetadata} from '../../src/synth/metadata.js';
import {resolvePreset} from '../../src/synth/preset-options.js';
import {chooseTensorTypes} from '../../src/synth/quant-mix.js';
import {buildVocabulary} from '../../src/synth/vocab.js';
import {streamGguf} from '../../src/synth/write-gguf.js';

/** Replaces (or adds, or with `undefined` removes) the metadata key `key`. */
export function setKv(key: string, value: GgufKv['value'] | undefined): (kvs: GgufKv[]) => GgufKv[] {
	return (kvs) => {
		const rest = kvs.filter((kv) => kv.key !== key);
		return value === undefined ? rest : [...rest, {key, value}];
	};
}

/**
 * Writes the `tiny` synthetic model (Q8_0, seed 0) with its metadata passed
 * through `edit`: a loadable model with one crafted hyperparameter. `reshape`
 * changes the shape itself (metadata and tensors agree).
 */
export async function writeCraftedTiny(
	path: string,
	edit: (kvs: GgufKv[]) => GgufKv[] = (kvs) => kvs,
	reshape: (shape: LlamaShape) => LlamaShape = (shape) => shape,
): Promise<void> {
	const preset = resolvePreset('tiny');
	const shape = reshape(preset.shape);
	const vocabulary = buildVocabulary(shape.vocabSize, {chatml: preset.chatml === true});
	const identity = {name: 'crafted tiny', origin: 'tiny', seed: 0, writerVersion: 1};
	const kvs = syntheticMetadata(identity, llamaHyperparameters(shape), FILE_TYPES.Q8_0.id, vocabulary);
	const tensors = llamaTensors(shape);
	const types = chooseTensorTypes(tensors, 'Q8_0', shape);
	const plans: TensorPlan[] = tensors.map((t, i) => ({name: t.name, dims: t.dims, type: types[i]!, init: t.role === 'norm' ? 'ones' : 'random'}));
	const layout = layoutGguf(edit(kvs), plans);
	const file = await open(path, 'w');
	try {
		await streamGguf(file, layout, {seed: 0});
	} finally {
		await file.close();
	}
}

function u32(n: number): Buffer {
	const b = Buffer.alloc(4);
	b.writeUInt32LE(n);
	return b;
}

function u64(n: bigint): Buffer {
	const b = Buffer.alloc(8);
	b.writeBigUInt64LE(n);
	return b;
}

function str(text: string): Buffer {
	return Buffer.concat([u64(BigInt(Buffer.byteLength(text))), Buffer.from(text)]);
}

/** Hand-made hostile headers (the cases), each a few dozen bytes plus optional padding. */
export const HOSTILE_HEADERS: Record<string, () => Buffer> = {
	/** A string length in [2^31, 2^32): tripped a Node fs assertion in node-llama-cpp's reader (exit 134). */
	'string length 2^31+5': () => Buffer.concat([Buffer.from('GGUF'), u32(3), u64(0n), u64(1n), u64((1n << 31n) + 5n), Buffer.alloc(64, 0x61)]),
	/** An array of 2^40 uint8 in a 60-byte file: V8 fatal OOM after 1.7 GB. */
	'array length 2^40': () => Buffer.concat([Buffer.from('GGUF'), u32(3), u64(0n), u64(1n), str('a.b'), u32(9), u32(0), u64(1n << 40n), Buffer.alloc(9)]),
	/** One tensor with n_dims 0xFFFFFFFF: 144 s and 3.5 GB before. */
	'n_dims 0xFFFFFFFF': () => Buffer.concat([Buffer.from('GGUF'), u32(3), u64(1n), u64(0n), str('t'), u32(0xffffffff), Buffer.alloc(256)]),
	/** Tensor count 2^60. */
	'tensor count 2^60': () => Buffer.concat([Buffer.from('GGUF'), u32(3), u64(1n << 60n), u64(0n), Buffer.alloc(64)]),
	/** An unknown ggml type id. */
	'ggml type 999': () => Buffer.concat([Buffer.from('GGUF'), u32(3), u64(1n), u64(0n), str('t'), u32(1), u64(32n), u32(999), u64(0n), Buffer.alloc(64)]),
	/** A tensor whose data lies far beyond the end of the file. */
	'tensor data past EOF': () =>
		Buffer.concat([Buffer.from('GGUF'), u32(3), u64(1n), u64(0n), str('t'), u32(2), u64(4096n), u64(4096n), u32(0), u64(0n), Buffer.alloc(64)]),
};

/** Writes `bytes` to `path`. */
export async function writeBytes(path: string, bytes: Buffer): Promise<void> {
	await writeFile(path, bytes);
}
