import {allocateBlocks, inverse, setF16, signedAbsMax} from './blocks.js';

const QK = 32;

function minMax(values: Float32Array, start: number): [number, number] {
	let min = Infinity;
	let max = -Infinity;
	for (let j = 0; j < QK; j++) {
		const v = values[start + j] ?? 0;
		min = Math.min(min, v);
		max = Math.max(max, v);
	}
	return [min, max];
}

function clamp(q: number, hi: number): number {
	return Math.min(hi, Math.max(0, q));
}

/** Q4_0 blocks (18 bytes per 32 weights: f16 d, 16 bytes of nibbles; x = (q - 8) * d). */
export function quantizeQ4_0(values: Float32Array): Uint8Array {
	const {count, out, view} = allocateBlocks(values, QK, 18);
	for (let b = 0; b < count; b++) {
		const base = b * QK;
		const o = b * 18;
		const id = inverse(setF16(view, o, signedAbsMax(values, base, QK) / -8));
		for (let j = 0; j < 16; j++) {
			const q0 = clamp(Math.trunc((values[base + j] ?? 0) * id + 8.5), 15);
			const q1 = clamp(Math.trunc((values[base + j + 16] ?? 0) * id + 8.5), 15);
			out[o + 2 + j] = q0 | (q1 << 4);
		}
	}
	return out;
}

/** Q4_1 blocks (20 bytes per 32 weights: f16 d, f16 m, 16 bytes of nibbles; x = q * d + m). */
export function quantizeQ4_1(values: Float32Array): Uint8Array {
	const {count, out, view} = allocateBlocks(values, QK, 20);
	for (let b = 0; b < count; b++) {
		const base = b * QK;
		const o = b * 20;
		const [min, max] = minMax(values, base);
		const id = inverse(setF16(view, o, (max - min) / 15));
		const m = setF16(view, o + 2, min);
		for (let j = 0; j < 16; j++) {
			const q0 = clamp(Math.round(((values[base + j] ?? 0) - m) * id), 15);
			const q1 = clamp(Math.round(((values[base + j + 16] ?? 0) - m) * id), 15);
			out[o + 4 + j] = q0 | (q1 << 4);
		}
	}
	return out;
}

function packQ5(out: Uint8Array, view: DataView, o: number, q: Int32Array): void {
	let qh = 0;
	for (let j = 0; j < 16; j++) {
		const q0 = q[j] ?? 0;
		const q1 = q[j + 16] ?? 0;
		out[o + 4 + j] = (q0 & 0xf) | ((q1 & 0xf) << 4);
		qh |= ((q0 & 0x10) >>> 4) << j;
		qh |= ((q1 & 0x10) >>> 4) << (j + 16);
	}
	view.setUint32(o, qh >>> 0, true);
}

/** Q5_0 blocks (22 bytes per 32 weights: f16 d, u32 high bits, 16 bytes of nibbles; x = (q - 16) * d). */
export function quantizeQ5_0(values: Float32Array): Uint8Array {
	const {count, out, view} = allocateBlocks(values, QK, 22);
	const q = new Int32Array(QK);
	for (let b = 0; b < count; b++) {
		const base = b * QK;
		const o = b * 22;
		const id = inverse(setF16(view, o, signedAbsMax(values, base, QK) / -16));
		for (let j = 0; j < QK; j++) q[j] = clamp(Math.trunc((values[base + j] ?? 0) * id + 16.5), 31);
		packQ5(out, view, o + 2, q);
	}
	return out;
}

/** Q5_1 blocks (24 bytes per 32 weights: f16 d, f16 m, u32 high bits, 16 bytes of nibbles; x = q * d + m). */
export function quantizeQ5_1(values: Float32Array): Uint8Array {
	const {count, out, view} = allocateBlocks(values, QK, 24);
	const q = new Int32Array(QK);
	for (let b = 0; b < count; b++) {
		const base = b * QK;
		const o = b * 24;
		const [min, max] = minMax(values, base);
		const id = inverse(setF16(view, o, (max - min) / 31));
		const m = setF16(view, o + 2, min);
		for (let j = 0; j < QK; j++) q[j] = clamp(Math.round(((values[base + j] ?? 0) - m) * id), 31);
		packQ5(out, view, o + 4, q);
	}
	return out;
}

/** Q8_0 blocks (34 bytes per 32 weights: f16 d, 32 int8 quants; x = q * d). */
export function quantizeQ8_0(values: Float32Array): Uint8Array {
	const {count, out, view} = allocateBlocks(values, QK, 34);
	for (let b = 0; b < count; b++) {
		const base = b * QK;
		const o = b * 34;
		const id = inverse(setF16(view, o, Math.abs(signedAbsMax(values, base, QK)) / 127));
		for (let j = 0; j < QK; j++) {
			const qv = Math.max(-128, Math.min(127, Math.round((values[base + j] ?? 0) * id)));
			view.setInt8(o + 2 + j, qv);
		}
	}
	return out;
}
