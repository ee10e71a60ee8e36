import type {FileHandle} from 'node:fs/promises';
import {typeTraits} from './ggml-types.js';
import {paddingLength} from './gguf-encode.js';
import type {GgufLayout, PlacedTensor} from './gguf-layout.js';
import {hashString, XorShift128} from './prng.js';
import {fillTensorChunk} from './random-blocks.js';

/** Options for streaming a layout's bytes to a file. */
export interface StreamOptions {
	seed: number;
	signal?: AbortSignal;
	onProgress?: (writtenBytes: number, totalBytes: number) => void;
	/**
	 * Size of each write buffer.
	 * @default 8 MiB
	 */
	chunkBytes?: number;
}

const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
const RING_SIZE = 4;

async function writeFully(file: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
	let done = 0;
	while (done < bytes.length) {
		const {bytesWritten} = await file.write(bytes, done, bytes.length - done, position + done);
		if (bytesWritten <= 0) throw new Error('write made no progress');
		done += bytesWritten;
	}
}

class BufferRing {
	readonly #file: FileHandle;
	readonly #buffers: Uint8Array[];
	readonly #writes: Promise<void>[];
	readonly #options: StreamOptions;
	readonly #total: number;
	#active = 0;
	#written: number;
	#failure: unknown;
	position: number;
	used = 0;

	constructor(file: FileHandle, start: number, total: number, options: StreamOptions) {
		const size = Math.max(64 * 1024, Math.floor((options.chunkBytes ?? DEFAULT_CHUNK_BYTES) / 32) * 32);
		this.#file = file;
		this.#buffers = Array.from({length: RING_SIZE}, () => new Uint8Array(size));
		this.#writes = Array.from({length: RING_SIZE}, () => Promise.resolve());
		this.#options = options;
		this.#total = total;
		this.position = start;
		this.#written = start;
	}

	get buffer(): Uint8Array {
		return this.#buffers[this.#active]!;
	}

	get free(): number {
		return this.buffer.length - this.used;
	}

	async flush(): Promise<void> {
		if (this.used === 0) return;
		if (this.#failure !== undefined) throw this.#failure;
		this.#options.signal?.throwIfAborted();
		const bytes = this.buffer.subarray(0, this.used);
		const end = this.position + this.used;
		const write = writeFully(this.#file, bytes, this.position).then(() => {
			this.#written += bytes.length;
			this.#options.onProgress?.(this.#written, this.#total);
		});
		write.catch((error: unknown) => {
			this.#failure ??= error;
		});
		this.#writes[this.#active] = write;
		this.position = end;
		this.used = 0;
		this.#active = (this.#active + 1) % RING_SIZE;
		await this.#writes[this.#active];
	}

	async finish(): Promise<void> {
		await this.flush();
		await Promise.all(this.#writes);
		this.#options.signal?.throwIfAborted();
	}
}

async function writeTensor(writer: BufferRing, tensor: PlacedTensor, seed: number, alignment: number): Promise<void> {
	const {blockBytes} = typeTraits(tensor.type);
	const groupBytes = blockBytes * (4 / gcd(blockBytes, 4));
	const regionBytes = tensor.byteSize + paddingLength(tensor.byteSize, alignment);
	const rng = new XorShift128(seed, hashString(tensor.name));
	let dataLeft = tensor.byteSize;
	let regionLeft = regionBytes;
	while (regionLeft > 0) {
		if (writer.free < Math.min(regionLeft, groupBytes)) await writer.flush();
		const piece = regionLeft <= writer.free ? regionLeft : Math.floor(writer.free / groupBytes) * groupBytes;
		const data = Math.min(piece, dataLeft);
		const at = writer.used;
		if (data > 0) {
			const words = new Uint32Array(writer.buffer.buffer, writer.buffer.byteOffset + at, Math.ceil(data / 4));
			fillTensorChunk(tensor.type, words, rng, tensor.init);
		}
		writer.buffer.fill(0, at + data, at + piece);
		writer.used += piece;
		dataLeft -= data;
		regionLeft -= piece;
	}
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

/**
 * Streams a whole GGUF file described by `layout` into `file`: the header,
 * then every tensor's generated data chunk by chunk. A ring of four 8 MiB
 * buffers bounds memory: a chunk is generated while up to three earlier ones
 * are being written, and generation waits (backpressure) until the oldest write
 * has finished before reusing its buffer.
 */
export async function streamGguf(file: FileHandle, layout: GgufLayout, options: StreamOptions): Promise<void> {
	options.signal?.throwIfAborted();
	await writeFully(file, layout.header, 0);
	const writer = new BufferRing(file, layout.dataStart, layout.totalBytes, options);
	for (const tensor of layout.tensors) {
		const gap = layout.dataStart + tensor.offset - (writer.position + writer.used);
		if (gap !== 0) throw new Error(`layout gap before ${tensor.name}`);
		await writeTensor(writer, tensor, options.seed, layout.alignment);
	}
	await writer.finish();
}
