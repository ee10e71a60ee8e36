import {readdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {readGgufFileInfo} from 'node-llama-cpp';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {writeFileAtomically} from '../../src/files/atomic-file.js';
import {encodeHeader, encodeKv, encodePadding, encodeString, encodeTensorInfo, paddingLength} from '../../src/synth/gguf-encode.js';
import {layoutGguf} from '../../src/synth/gguf-layout.js';
import {streamGguf} from '../../src/synth/write-gguf.js';
import {tempDir} from './helpers.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('GGUF encoders', () => {
	it('encodes the header', () => {
		expect(hex(encodeHeader(2, 3))).toBe('47475546' + '03000000' + '0200000000000000' + '0300000000000000');
	});

	it('encodes strings as a uint64 byte length and UTF-8 bytes', () => {
		expect(hex(encodeString('▁a'))).toBe('0400000000000000' + 'e2968161');
	});

	it('encodes scalar and array metadata with their type ids', () => {
		expect(hex(encodeKv({key: 'k', value: {type: 'uint32', value: 7}}))).toBe('0100000000000000' + '6b' + '04000000' + '07000000');
		expect(hex(encodeKv({key: 'k', value: {type: 'bool', value: true}}))).toBe('0100000000000000' + '6b' + '07000000' + '01');
		expect(hex(encodeKv({key: 'k', value: {type: 'array', itemType: 'int32', values: [1, -1]}}))).toBe(
			'0100000000000000' + '6b' + '09000000' + '05000000' + '0200000000000000' + '01000000' + 'ffffffff',
		);
		expect(hex(encodeKv({key: 'k', value: {type: 'array', itemType: 'string', values: ['x']}}))).toBe(
			'0100000000000000' + '6b' + '09000000' + '08000000' + '0100000000000000' + '0100000000000000' + '78',
		);
	});

	it('encodes tensor infos', () => {
		expect(hex(encodeTensorInfo({name: 't', dims: [32, 2], ggmlType: 8, offset: 64}))).toBe(
			'0100000000000000' + '74' + '02000000' + '2000000000000000' + '0200000000000000' + '08000000' + '4000000000000000',
		);
	});

	it('pads to the alignment explicitly', () => {
		expect(paddingLength(0)).toBe(0);
		expect(paddingLength(1)).toBe(31);
		expect(paddingLength(33, 64)).toBe(31);
		expect(encodePadding(30).length).toBe(2);
	});
});

describe('a streamed GGUF file', () => {
	let dir: string;
	let cleanup: () => Promise<void>;
	beforeAll(async () => ({dir, cleanup} = await tempDir()));
	afterAll(() => cleanup());

	it('parses back with node-llama-cpp: metadata, shapes, types and aligned offsets', async () => {
		const layout = layoutGguf(
			[
				{key: 'general.architecture', value: {type: 'string', value: 'llama'}},
				{key: 'general.name', value: {type: 'string', value: 'synthetic test'}},
				{key: 'llama.block_count', value: {type: 'uint32', value: 1}},
			],
			[
				{name: 'a', dims: [7], type: 'F32', init: 'ones'},
				{name: 'b', dims: [256, 3], type: 'Q6_K', init: 'random'},
				{name: 'c', dims: [32, 5], type: 'Q5_0', init: 'random'},
			],
		);
		const path = join(dir, 'small.gguf');
		await writeFileAtomically(path, (file) => streamGguf(file, layout, {seed: 1, chunkBytes: 64 * 1024}));
		const info = await readGgufFileInfo(path, {logWarnings: false});
		expect(info.version).toBe(3);
		expect(info.metadata.general.name).toBe('synthetic test');
		expect(info.fullTensorInfo?.map((t) => [t.name, t.dimensions.map(Number), t.ggmlType, Number(t.offset) % 32])).toEqual([
			['a', [7], 0, 0],
			['b', [256, 3], 14, 0],
			['c', [32, 5], 6, 0],
		]);
		expect(info.fullTensorInfo?.[0]?.fileOffset).toBe(layout.dataStart);
	});

	it('writes the same bytes whatever the chunk size', async () => {
		const layout = layoutGguf(
			[],
			[
				{name: 'x', dims: [32, 999], type: 'Q4_0', init: 'random'},
				{name: 'y', dims: [256, 77], type: 'Q4_K', init: 'random'},
				{name: 'z', dims: [13], type: 'F32', init: 'ones'},
			],
		);
		const read = async (chunkBytes: number): Promise<Buffer> => {
			const path = join(dir, `chunk-${chunkBytes}.gguf`);
			await writeFileAtomically(path, (file) => streamGguf(file, layout, {seed: 9, chunkBytes}));
			return readFile(path);
		};
		const small = await read(64 * 1024);
		expect(small.length).toBe(layout.totalBytes);
		expect((await read(8 * 1024 * 1024)).equals(small)).toBe(true);
	});

	it('leaves no temporary file when the writer fails', async () => {
		const path = join(dir, 'failed.gguf');
		await writeFile(join(dir, 'keep.txt'), 'x');
		await expect(
			writeFileAtomically(path, async () => {
				throw new Error('boom');
			}),
		).rejects.toThrow('boom');
		expect((await readdir(dir)).filter((name) => name.includes('failed'))).toEqual([]);
	});
});
