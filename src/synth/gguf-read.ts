/**
 * A bounded GGUF header reader: parses the header of a file with a byte
 * budget and refuses, with a {@link GgufHeaderError} naming the offset, any
 * length, count or shape that cannot be real before anything else (node-llama-cpp's
 * reader, llama.cpp) sees the file. Reads with small synchronous chunks, keeps
 * only scalars, short numeric arrays and the token list, so a hostile header
 * costs at most a few reads and the size of the file's own strings.
 */
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {GgufHeaderError} from './errors.js';
import {ggmlTypeById, tensorByteSize} from './ggml-types.js';

/** Header bytes read at most: a 256k-token vocabulary with merges takes ~30 MiB. */
export const MAX_HEADER_BYTES = 256 * 2 ** 20;
/** Longest string value (chat templates are tens of KiB). */
export const MAX_STRING_BYTES = 16 * 2 ** 20;
/** Most elements in one metadata array. */
export const MAX_ARRAY_LENGTH = 2 ** 22;
/** Most tensors and most metadata entries. */
export const MAX_ENTRIES = 2 ** 20;
/** GGML_MAX_DIMS. */
export const MAX_DIMS = 4;
/** Numeric arrays up to this length are kept (per-layer hparams); longer ones are skipped. */
const KEEP_NUMBERS = 1024;
/** String arrays kept in full (the byte-token check needs them). */
const KEEP_STRINGS = new Set(['tokenizer.ggml.tokens']);

/** A metadata array: its element type id, length, and its values when kept (kept strings are latin1, one char per byte, so equal strings are equal bytes). */
export interface GgufArray {
	itemType: number;
	length: number;
	values?: readonly (number | bigint | boolean | string)[];
}

/** One metadata value as read. */
export type GgufMetaValue = number | bigint | boolean | string | GgufArray;

/** One tensor entry of the header. */
export interface GgufTensorEntry {
	name: string;
	dims: number[];
	ggmlType: number;
	/** Offset from the start of the data section. */
	offset: number;
	byteSize: number;
}

/** A header that passed every check of {@link readGgufHeader}. */
export interface GgufHeader {
	path: string;
	sizeBytes: number;
	version: number;
	metadata: Map<string, GgufMetaValue>;
	tensors: GgufTensorEntry[];
	/** Offset just past the tensor table. */
	headerEnd: number;
	/** Offset of the data section (aligned). */
	dataStart: number;
	alignment: number;
}

const SCALAR_BYTES: Record<number, number> = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8};
const STRING = 8;
const ARRAY = 9;
const CHUNK = 64 * 1024;

class BoundedReader {
	private readonly chunk = Buffer.alloc(CHUNK);
	private chunkStart = 0;
	private chunkLength = 0;
	pos = 0;

	constructor(
		readonly path: string,
		private readonly fd: number,
		readonly size: number,
		private readonly budget: number,
	) {}

	fail(reason: string, kind: 'truncated' | 'corrupt' | 'not-gguf' = 'corrupt', at = this.pos): never {
		throw new GgufHeaderError(this.path, at, reason, kind);
	}

	get left(): number {
		return this.size - this.pos;
	}

	/** Refuses `count` items of at least `each` bytes when they cannot fit in the file or the budget. */
	require(count: bigint, each: number, what: string): number {
		const bytes = count * BigInt(each);
		if (bytes > BigInt(this.left)) this.fail(`${what} ${count} needs at least ${bytes} bytes but only ${this.left} are left in the file`, 'truncated');
		if (this.pos + Number(bytes) > this.budget) this.fail(`${what} ${count} goes past the ${this.budget}-byte header budget`);
		return Number(count);
	}

	bytes(n: number): Buffer {
		if (n > this.left) this.fail(`needs ${n} bytes but only ${this.left} are left in the file`, 'truncated');
		if (this.pos + n > this.budget) this.fail(`the header goes past the ${this.budget}-byte budget`);
		const at = this.pos;
		this.pos += n;
		if (at >= this.chunkStart && at + n <= this.chunkStart + this.chunkLength) return this.chunk.subarray(at - this.chunkStart, at - this.chunkStart + n);
		if (n > CHUNK) return this.readAt(Buffer.alloc(n), at);
		this.chunkStart = at;
		this.chunkLength = Math.min(CHUNK, this.size - at);
		this.readAt(this.chunk.subarray(0, this.chunkLength), at);
		return this.chunk.subarray(0, n);
	}

	skip(n: number): void {
		if (n > this.left) this.fail(`needs ${n} bytes but only ${this.left} are left in the file`, 'truncated');
		this.pos += n;
	}

	private readAt(target: Buffer, at: number): Buffer {
		let done = 0;
		while (done < target.length) {
			const n = readSync(this.fd, target, done, target.length - done, at + done);
			if (n === 0) this.fail('the file ended while reading it', 'truncated');
			done += n;
		}
		return target;
	}

	u32(): number {
		return this.bytes(4).readUInt32LE(0);
	}

	u64(): bigint {
		return this.bytes(8).readBigUInt64LE(0);
	}

	string(what: string, encoding: BufferEncoding = 'utf8'): string {
		const at = this.pos;
		const length = this.u64();
		if (length > BigInt(this.left)) this.fail(`${what} length ${length} is larger than the ${this.left} bytes left in the file`, 'truncated', at);
		if (length > BigInt(MAX_STRING_BYTES)) this.fail(`${what} length ${length} is over the ${MAX_STRING_BYTES}-byte limit`, 'corrupt', at);
		return this.bytes(Number(length)).toString(encoding);
	}

	scalar(type: number): number | bigint | boolean | string {
		const size = SCALAR_BYTES[type];
		if (type === STRING) return this.string('string');
		if (size === undefined) this.fail(`unknown metadata value type ${type}`);
		const b = this.bytes(size);
		switch (type) {
			case 0:
				return b.readUInt8(0);
			case 1:
				return b.readInt8(0);
			case 2:
				return b.readUInt16LE(0);
			case 3:
				return b.readInt16LE(0);
			case 4:
				return b.readUInt32LE(0);
			case 5:
				return b.readInt32LE(0);
			case 6:
				return b.readFloatLE(0);
			case 7:
				return b.readUInt8(0) !== 0;
			case 10:
				return b.readBigUInt64LE(0);
			case 11:
				return b.readBigInt64LE(0);
			default:
				return b.readDoubleLE(0);
		}
	}
}

function readValue(r: BoundedReader, key: string, type: number): GgufMetaValue {
	if (type !== ARRAY) return r.scalar(type);
	const itemType = r.u32();
	if (itemType === ARRAY) r.fail(`${key}: nested arrays are not GGUF`);
	if (itemType !== STRING && SCALAR_BYTES[itemType] === undefined) r.fail(`${key}: unknown array element type ${itemType}`);
	const countAt = r.pos;
	const count = r.u64();
	if (count > BigInt(MAX_ARRAY_LENGTH) && count * BigInt(SCALAR_BYTES[itemType] ?? 8) <= BigInt(r.left)) {
		r.fail(`${key}: array length ${count} is over the ${MAX_ARRAY_LENGTH}-element limit`, 'corrupt', countAt);
	}
	const length = r.require(count, SCALAR_BYTES[itemType] ?? 8, `${key}: array length`);
	if (length > MAX_ARRAY_LENGTH) r.fail(`${key}: array length ${count} is over the ${MAX_ARRAY_LENGTH}-element limit`, 'corrupt', countAt);
	if (itemType === STRING) {
		const keep = KEEP_STRINGS.has(key);
		const values: string[] = [];
		for (let i = 0; i < length; i++) {
			if (keep) values.push(r.string(`${key}[${i}]`, 'latin1'));
			else {
				const at = r.pos;
				const n = r.u64();
				if (n > BigInt(r.left)) r.fail(`${key}[${i}] length ${n} is larger than the ${r.left} bytes left in the file`, 'truncated', at);
				if (n > BigInt(MAX_STRING_BYTES)) r.fail(`${key}[${i}] length ${n} is over the ${MAX_STRING_BYTES}-byte limit`, 'corrupt', at);
				r.skip(Number(n));
			}
		}
		return keep ? {itemType, length, values} : {itemType, length};
	}
	if (length > KEEP_NUMBERS) {
		r.skip(length * SCALAR_BYTES[itemType]!);
		return {itemType, length};
	}
	const values: (number | bigint | boolean | string)[] = [];
	for (let i = 0; i < length; i++) values.push(r.scalar(itemType));
	return {itemType, length, values};
}

function readTensor(r: BoundedReader, index: number): Omit<GgufTensorEntry, 'byteSize'> & {rowCheck: number} {
	const name = r.string(`tensor ${index} name`);
	const dimsAt = r.pos;
	const nDims = r.u32();
	if (nDims > MAX_DIMS) r.fail(`tensor "${name}" has n_dims ${nDims}, more than ${MAX_DIMS}`, 'corrupt', dimsAt);
	const dims: number[] = [];
	let elements = 1n;
	for (let d = 0; d < nDims; d++) {
		const n = r.u64();
		elements *= n;
		if (n >= 1n << 53n || elements >= 1n << 53n) r.fail(`tensor "${name}" dimension ${d} = ${n} is not a real size`);
		dims.push(Number(n));
	}
	const typeAt = r.pos;
	const ggmlType = r.u32();
	const traits = ggmlTypeById(ggmlType);
	if (!traits) r.fail(`tensor "${name}" has unknown ggml type ${ggmlType}`, 'corrupt', typeAt);
	const offset = r.u64();
	if (offset >= 1n << 53n) r.fail(`tensor "${name}" data offset ${offset} is past any file`);
	return {name, dims, ggmlType, offset: Number(offset), rowCheck: (dims[0] ?? 1) % traits.blockSize};
}

/**
 * Reads and checks the header of the GGUF file at `path`: magic and version,
 * counts that fit in the bytes left, every string and array length within the
 * file and the limits above, at most {@link MAX_DIMS} dimensions, known ggml
 * types, whole blocks per row, aligned offsets and tensor data inside the file.
 *
 * @throws GgufHeaderError naming the offset and what is wrong; an OS error when the file cannot be opened
 */
export function readGgufHeader(path: string, budget = MAX_HEADER_BYTES): GgufHeader {
	const fd = openSync(path, 'r');
	try {
		const size = fstatSync(fd).size;
		const r: BoundedReader = new BoundedReader(path, fd, size, Math.min(budget, size));
		if (size === 0) r.fail('empty file, 0 bytes', 'not-gguf');
		const magic = r.bytes(Math.min(4, size)).toString('latin1');
		if (!'GGUF'.startsWith(magic)) r.fail(`starts with ${JSON.stringify(magic)}, not "GGUF"`, 'not-gguf', 0);
		if (magic !== 'GGUF') r.fail(`${size} bytes, too short for a GGUF header`, 'truncated');
		const version = r.u32();
		if (version !== 2 && version !== 3) r.fail(`unsupported GGUF version ${version}`, 'corrupt', 4);
		const tensorCount = r.u64();
		const kvCount = r.u64();
		if (tensorCount > BigInt(MAX_ENTRIES) || kvCount > BigInt(MAX_ENTRIES)) {
			r.fail(`implausible counts: ${tensorCount} tensors, ${kvCount} metadata entries`, 'corrupt', 8);
		}
		r.require(tensorCount * 32n + kvCount * 13n, 1, 'the header of');
		const metadata = new Map<string, GgufMetaValue>();
		for (let i = 0; i < Number(kvCount); i++) {
			const key = r.string(`metadata key ${i}`);
			if (metadata.has(key)) r.fail(`duplicate metadata key "${key}"`);
			metadata.set(key, readValue(r, key, r.u32()));
		}
		const alignmentValue = metadata.get('general.alignment') ?? 32;
		if (typeof alignmentValue !== 'number' || alignmentValue <= 0 || !Number.isInteger(alignmentValue) || (alignmentValue & (alignmentValue - 1)) !== 0) {
			r.fail(`general.alignment ${String(alignmentValue)} is not a power of two`);
		}
		const alignment = alignmentValue;
		const raw: ReturnType<typeof readTensor>[] = [];
		const names = new Set<string>();
		for (let i = 0; i < Number(tensorCount); i++) {
			const tensor = readTensor(r, i);
			if (names.has(tensor.name)) r.fail(`duplicate tensor name "${tensor.name}"`);
			names.add(tensor.name);
			raw.push(tensor);
		}
		const headerEnd = r.pos;
		const dataStart = headerEnd + ((alignment - (headerEnd % alignment)) % alignment);
		const tensors = raw.map(({rowCheck, ...tensor}) => {
			if (rowCheck !== 0)
				r.fail(
					`tensor "${tensor.name}" row length ${tensor.dims[0]} is not a whole number of ${ggmlTypeById(tensor.ggmlType)!.name} blocks`,
					'corrupt',
					headerEnd,
				);
			if (tensor.offset % alignment !== 0)
				r.fail(`tensor "${tensor.name}" data offset ${tensor.offset} is not a multiple of the alignment ${alignment}`, 'corrupt', headerEnd);
			const byteSize = tensorByteSize(tensor.ggmlType, tensor.dims) ?? 0;
			const end = dataStart + tensor.offset + byteSize;
			if (end > size) r.fail(`tensor "${tensor.name}" data ends at byte ${end} but the file has ${size} bytes`, 'truncated', headerEnd);
			return {...tensor, byteSize};
		});
		return {path, sizeBytes: size, version, metadata, tensors, headerEnd, dataStart, alignment};
	} finally {
		closeSync(fd);
	}
}
