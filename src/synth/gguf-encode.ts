/**
 * GGUF v3 serialization as small pure encoders returning bytes. Nothing here
 * touches files; alignment padding is explicit.
 */

/** GGUF metadata value type ids. */
export const GgufValueType = {
	uint8: 0,
	int8: 1,
	uint16: 2,
	int16: 3,
	uint32: 4,
	int32: 5,
	float32: 6,
	bool: 7,
	string: 8,
	array: 9,
	uint64: 10,
	int64: 11,
	float64: 12,
} as const;

/** A numeric GGUF scalar type. */
export type GgufNumberType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'uint64' | 'int64' | 'float64';

/** One typed metadata value. */
export type GgufValue =
	| {type: GgufNumberType; value: number}
	| {type: 'bool'; value: boolean}
	| {type: 'string'; value: string}
	| {type: 'array'; itemType: 'string'; values: readonly string[]}
	| {type: 'array'; itemType: GgufNumberType; values: ArrayLike<number>};

/** A metadata key/value pair. */
export interface GgufKv {
	key: string;
	value: GgufValue;
}

/** What the header says about one tensor; `offset` is relative to the start of the data section. */
export interface GgufTensorInfo {
	name: string;
	/** ggml order: `dims[0]` is the row length. */
	dims: readonly number[];
	ggmlType: number;
	offset: number;
}

/** The alignment GGUF uses when `general.alignment` is absent. */
export const GGUF_DEFAULT_ALIGNMENT = 32;

const NUMBER_SIZES: Record<GgufNumberType, number> = {
	uint8: 1,
	int8: 1,
	uint16: 2,
	int16: 2,
	uint32: 4,
	int32: 4,
	float32: 4,
	uint64: 8,
	int64: 8,
	float64: 8,
};

const NUMBER_WRITERS: Record<GgufNumberType, (view: DataView, offset: number, value: number) => void> = {
	uint8: (view, offset, value) => view.setUint8(offset, value),
	int8: (view, offset, value) => view.setInt8(offset, value),
	uint16: (view, offset, value) => view.setUint16(offset, value, true),
	int16: (view, offset, value) => view.setInt16(offset, value, true),
	uint32: (view, offset, value) => view.setUint32(offset, value, true),
	int32: (view, offset, value) => view.setInt32(offset, value, true),
	float32: (view, offset, value) => view.setFloat32(offset, value, true),
	uint64: (view, offset, value) => view.setBigUint64(offset, BigInt(value), true),
	int64: (view, offset, value) => view.setBigInt64(offset, BigInt(value), true),
	float64: (view, offset, value) => view.setFloat64(offset, value, true),
};

const utf8 = new TextEncoder();

class ByteWriter {
	readonly bytes: Uint8Array;
	readonly view: DataView;
	offset = 0;

	constructor(size: number) {
		this.bytes = new Uint8Array(size);
		this.view = new DataView(this.bytes.buffer);
	}

	u32(value: number): void {
		this.view.setUint32(this.offset, value, true);
		this.offset += 4;
	}

	u64(value: number): void {
		this.view.setBigUint64(this.offset, BigInt(value), true);
		this.offset += 8;
	}

	string(value: string): void {
		const start = this.offset;
		this.offset += 8;
		const {written} = utf8.encodeInto(value, this.bytes.subarray(this.offset));
		this.view.setBigUint64(start, BigInt(written), true);
		this.offset += written;
	}

	number(type: GgufNumberType, value: number): void {
		NUMBER_WRITERS[type](this.view, this.offset, value);
		this.offset += NUMBER_SIZES[type];
	}
}

function stringSize(value: string): number {
	return 8 + Buffer.byteLength(value, 'utf8');
}

function valueSize(value: GgufValue): number {
	switch (value.type) {
		case 'bool':
			return 1;
		case 'string':
			return stringSize(value.value);
		case 'array': {
			if (value.itemType === 'string') {
				let size = 12;
				for (const item of value.values as readonly string[]) size += stringSize(item);
				return size;
			}
			return 12 + NUMBER_SIZES[value.itemType] * value.values.length;
		}
		default:
			return NUMBER_SIZES[value.type];
	}
}

function writeValue(w: ByteWriter, value: GgufValue): void {
	switch (value.type) {
		case 'bool':
			w.bytes[w.offset++] = value.value ? 1 : 0;
			return;
		case 'string':
			w.string(value.value);
			return;
		case 'array':
			w.u32(GgufValueType[value.itemType]);
			w.u64(value.values.length);
			if (value.itemType === 'string') {
				for (const item of value.values as readonly string[]) w.string(item);
			} else {
				const values = value.values as ArrayLike<number>;
				for (let i = 0; i < values.length; i++) w.number(value.itemType, values[i] ?? 0);
			}
			return;
		default:
			w.number(value.type, value.value);
	}
}

/** The fixed header: magic `GGUF`, version 3, tensor count, metadata count. */
export function encodeHeader(tensorCount: number, kvCount: number): Uint8Array {
	const w = new ByteWriter(24);
	w.bytes.set([0x47, 0x47, 0x55, 0x46]);
	w.offset = 4;
	w.u32(3);
	w.u64(tensorCount);
	w.u64(kvCount);
	return w.bytes;
}

/** A GGUF string: uint64 byte length, then UTF-8 bytes. */
export function encodeString(value: string): Uint8Array {
	const w = new ByteWriter(stringSize(value));
	w.string(value);
	return w.bytes;
}

/** One metadata entry: key string, value type, value. */
export function encodeKv(kv: GgufKv): Uint8Array {
	const w = new ByteWriter(stringSize(kv.key) + 4 + valueSize(kv.value));
	w.string(kv.key);
	w.u32(GgufValueType[kv.value.type]);
	writeValue(w, kv.value);
	return w.bytes;
}

/** One tensor info entry: name, dimension count, dimensions, ggml type, data offset. */
export function encodeTensorInfo(info: GgufTensorInfo): Uint8Array {
	const w = new ByteWriter(stringSize(info.name) + 4 + 8 * info.dims.length + 4 + 8);
	w.string(info.name);
	w.u32(info.dims.length);
	for (const dim of info.dims) w.u64(dim);
	w.u32(info.ggmlType);
	w.u64(info.offset);
	return w.bytes;
}

/** Bytes needed after `offset` to reach the next multiple of `alignment`. */
export function paddingLength(offset: number, alignment = GGUF_DEFAULT_ALIGNMENT): number {
	return (alignment - (offset % alignment)) % alignment;
}

/** Zero bytes that pad `offset` to the next multiple of `alignment`. */
export function encodePadding(offset: number, alignment = GGUF_DEFAULT_ALIGNMENT): Uint8Array {
	return new Uint8Array(paddingLength(offset, alignment));
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
	let size = 0;
	for (const part of parts) size += part.length;
	const out = new Uint8Array(size);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}
