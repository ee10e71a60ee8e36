import {elementCount, tensorByteSize, typeTraits} from './ggml-types.js';
import type {GgmlTypeName} from './ggml-types.js';
import {concatBytes, encodeHeader, encodeKv, encodePadding, encodeTensorInfo, GGUF_DEFAULT_ALIGNMENT, paddingLength} from './gguf-encode.js';
import type {GgufKv} from './gguf-encode.js';
import type {TensorInit} from './random-blocks.js';

/** One tensor to write: its name, ggml shape, type and how its values are made. */
export interface TensorPlan {
	name: string;
	/** ggml order: `dims[0]` is the row length. */
	dims: readonly number[];
	type: GgmlTypeName;
	init: TensorInit;
}

/** A tensor placed in the file. */
export interface PlacedTensor extends TensorPlan {
	elements: number;
	/** Offset from the start of the data section. */
	offset: number;
	byteSize: number;
}

/** A complete file plan: the encoded header (with its trailing padding) and where every tensor goes. */
export interface GgufLayout {
	header: Uint8Array;
	tensors: PlacedTensor[];
	/** File offset where tensor data begins (a multiple of the alignment). */
	dataStart: number;
	totalBytes: number;
	alignment: number;
}

/** Places `tensors` in a data section, each at an aligned offset; `dataBytes` includes the final padding. */
export function placeTensors(tensors: readonly TensorPlan[], alignment = GGUF_DEFAULT_ALIGNMENT): {tensors: PlacedTensor[]; dataBytes: number} {
	const placed: PlacedTensor[] = [];
	let offset = 0;
	for (const tensor of tensors) {
		const elements = elementCount(tensor.dims);
		const rowLength = tensor.dims[0] ?? 1;
		if (rowLength % typeTraits(tensor.type).blockSize !== 0) {
			throw new RangeError(`${tensor.name}: row length ${rowLength} is not a multiple of the ${tensor.type} block size`);
		}
		offset += paddingLength(offset, alignment);
		const byteSize = tensorByteSize(tensor.type, tensor.dims);
		placed.push({...tensor, elements, offset, byteSize});
		offset += byteSize;
	}
	return {tensors: placed, dataBytes: offset + paddingLength(offset, alignment)};
}

/** Places `tensors` after the header built from `kvs` and encodes the header (with its trailing padding). */
export function layoutGguf(kvs: readonly GgufKv[], tensors: readonly TensorPlan[], alignment = GGUF_DEFAULT_ALIGNMENT): GgufLayout {
	const {tensors: placed, dataBytes} = placeTensors(tensors, alignment);
	const parts = [encodeHeader(placed.length, kvs.length), ...kvs.map(encodeKv)];
	for (const tensor of placed) {
		parts.push(encodeTensorInfo({name: tensor.name, dims: tensor.dims, ggmlType: typeTraits(tensor.type).id, offset: tensor.offset}));
	}
	const unpadded = concatBytes(parts);
	const header = concatBytes([unpadded, encodePadding(unpadded.length, alignment)]);
	return {header, tensors: placed, dataStart: header.length, totalBytes: header.length + dataBytes, alignment};
}
