import {fromF16Bits, toF16Bits} from '../f16.js';

/** The zeroed output of an encoder: one `blockBytes`-byte block per `blockSize` values. */
export function allocateBlocks(values: Float32Array, blockSize: number, blockBytes: number): {count: number; out: Uint8Array; view: DataView} {
	if (values.length % blockSize !== 0) throw new RangeError(`length ${values.length} is not a multiple of ${blockSize}`);
	const count = values.length / blockSize;
	const out = new Uint8Array(count * blockBytes);
	return {count, out, view: new DataView(out.buffer)};
}

/** Stores `value` as a little-endian f16 at `offset`; returns the value the f16 holds. */
export function setF16(view: DataView, offset: number, value: number): number {
	const bits = toF16Bits(value);
	view.setUint16(offset, bits, true);
	return fromF16Bits(bits);
}

/** `1 / scale`, or 0 for a zero scale (an all-zero block). */
export function inverse(scale: number): number {
	return scale === 0 ? 0 : 1 / scale;
}

/** The value of largest magnitude among `length` values from `start` (the first on ties), sign kept. */
export function signedAbsMax(values: Float32Array, start: number, length: number): number {
	let amax = 0;
	let max = 0;
	for (let j = 0; j < length; j++) {
		const v = values[start + j] ?? 0;
		if (Math.abs(v) > amax) {
			amax = Math.abs(v);
			max = v;
		}
	}
	return max;
}
