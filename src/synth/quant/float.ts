import {toBf16Bits, toF16Bits} from '../f16.js';

/** Little-endian float32 bytes of `values`. */
export function encodeF32(values: Float32Array): Uint8Array {
	const out = new Uint8Array(values.length * 4);
	const view = new DataView(out.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] ?? 0, true);
	return out;
}

function encode16(values: Float32Array, toBits: (value: number) => number): Uint8Array {
	const out = new Uint8Array(values.length * 2);
	const view = new DataView(out.buffer);
	for (let i = 0; i < values.length; i++) view.setUint16(i * 2, toBits(values[i] ?? 0), true);
	return out;
}

/** Little-endian IEEE half-precision bytes of `values`. */
export function encodeF16(values: Float32Array): Uint8Array {
	return encode16(values, toF16Bits);
}

/** Little-endian bfloat16 bytes of `values`. */
export function encodeBF16(values: Float32Array): Uint8Array {
	return encode16(values, toBf16Bits);
}
