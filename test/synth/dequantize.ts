/**
 * Reference dequantizers written from the ggml block layouts (ggml-common.h),
 * independently of src/synth: the tests check the encoders against these.
 */

export function f16ToFloat(bits: number): number {
	const sign = bits & 0x8000 ? -1 : 1;
	const exponent = (bits >> 10) & 0x1f;
	const mantissa = bits & 0x3ff;
	if (exponent === 0) return sign * mantissa * 2 ** -24;
	if (exponent === 31) return mantissa ? Number.NaN : sign * Infinity;
	return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
}

function bf16ToFloat(bits: number): number {
	const view = new DataView(new ArrayBuffer(4));
	view.setUint32(0, bits << 16);
	return view.getFloat32(0);
}

type Dequantizer = (block: DataView) => number[];

function q4_0(b: DataView): number[] {
	const d = f16ToFloat(b.getUint16(0, true));
	const y = new Array<number>(32);
	for (let j = 0; j < 16; j++) {
		const q = b.getUint8(2 + j);
		y[j] = ((q & 15) - 8) * d;
		y[j + 16] = ((q >> 4) - 8) * d;
	}
	return y;
}

function q4_1(b: DataView): number[] {
	const d = f16ToFloat(b.getUint16(0, true));
	const m = f16ToFloat(b.getUint16(2, true));
	const y = new Array<number>(32);
	for (let j = 0; j < 16; j++) {
		const q = b.getUint8(4 + j);
		y[j] = (q & 15) * d + m;
		y[j + 16] = (q >> 4) * d + m;
	}
	return y;
}

function q5(b: DataView, qhAt: number, qsAt: number, value: (q: number) => number): number[] {
	const qh = b.getUint32(qhAt, true);
	const y = new Array<number>(32);
	for (let j = 0; j < 16; j++) {
		const q = b.getUint8(qsAt + j);
		y[j] = value((q & 15) | (((qh >>> j) & 1) << 4));
		y[j + 16] = value((q >> 4) | (((qh >>> (j + 16)) & 1) << 4));
	}
	return y;
}

function q5_0(b: DataView): number[] {
	const d = f16ToFloat(b.getUint16(0, true));
	return q5(b, 2, 6, (q) => (q - 16) * d);
}

function q5_1(b: DataView): number[] {
	const d = f16ToFloat(b.getUint16(0, true));
	const m = f16ToFloat(b.getUint16(2, true));
	return q5(b, 4, 8, (q) => q * d + m);
}

function q8_0(b: DataView): number[] {
	const d = f16ToFloat(b.getUint16(0, true));
	return Array.from({length: 32}, (_, j) => b.getInt8(2 + j) * d);
}

function scaleMin(b: DataView, j: number): [number, number] {
	const s = (i: number): number => b.getUint8(4 + i);
	if (j < 4) return [s(j) & 63, s(j + 4) & 63];
	return [(s(j + 4) & 0xf) | ((s(j - 4) >> 6) << 4), (s(j + 4) >> 4) | ((s(j) >> 6) << 4)];
}

function q4_K(b: DataView): number[] {
	const d = f16ToFloat(b.getUint16(0, true));
	const dmin = f16ToFloat(b.getUint16(2, true));
	const y: number[] = [];
	for (let chunk = 0; chunk < 4; chunk++) {
		const [sc1, m1] = scaleMin(b, 2 * chunk);
		const [sc2, m2] = scaleMin(b, 2 * chunk + 1);
		for (let l = 0; l < 32; l++) y.push(d * sc1 * (b.getUint8(16 + 32 * chunk + l) & 15) - dmin * m1);
		for (let l = 0; l < 32; l++) y.push(d * sc2 * (b.getUint8(16 + 32 * chunk + l) >> 4) - dmin * m2);
	}
	return y;
}

function q5_K(b: DataView): number[] {
	const d = f16ToFloat(b.getUint16(0, true));
	const dmin = f16ToFloat(b.getUint16(2, true));
	const y: number[] = [];
	for (let chunk = 0; chunk < 4; chunk++) {
		const [sc1, m1] = scaleMin(b, 2 * chunk);
		const [sc2, m2] = scaleMin(b, 2 * chunk + 1);
		for (let l = 0; l < 32; l++) {
			const high = (b.getUint8(16 + l) >> (2 * chunk)) & 1;
			y.push(d * sc1 * ((b.getUint8(48 + 32 * chunk + l) & 15) + 16 * high) - dmin * m1);
		}
		for (let l = 0; l < 32; l++) {
			const high = (b.getUint8(16 + l) >> (2 * chunk + 1)) & 1;
			y.push(d * sc2 * ((b.getUint8(48 + 32 * chunk + l) >> 4) + 16 * high) - dmin * m2);
		}
	}
	return y;
}

function q6_K(b: DataView): number[] {
	const d = f16ToFloat(b.getUint16(208, true));
	const y = new Array<number>(256);
	for (let half = 0; half < 2; half++) {
		const ql = half * 64;
		const qh = 128 + half * 32;
		const sc = 192 + half * 8;
		for (let l = 0; l < 32; l++) {
			const is = Math.floor(l / 16);
			const h = b.getUint8(qh + l);
			const q1 = ((b.getUint8(ql + l) & 15) | ((h & 3) << 4)) - 32;
			const q2 = ((b.getUint8(ql + l + 32) & 15) | (((h >> 2) & 3) << 4)) - 32;
			const q3 = ((b.getUint8(ql + l) >> 4) | (((h >> 4) & 3) << 4)) - 32;
			const q4 = ((b.getUint8(ql + l + 32) >> 4) | (((h >> 6) & 3) << 4)) - 32;
			y[half * 128 + l] = d * b.getInt8(sc + is) * q1;
			y[half * 128 + l + 32] = d * b.getInt8(sc + is + 2) * q2;
			y[half * 128 + l + 64] = d * b.getInt8(sc + is + 4) * q3;
			y[half * 128 + l + 96] = d * b.getInt8(sc + is + 6) * q4;
		}
	}
	return y;
}

const BLOCKS: Record<string, {weights: number; bytes: number; decode: Dequantizer}> = {
	F32: {weights: 1, bytes: 4, decode: (b) => [b.getFloat32(0, true)]},
	F16: {weights: 1, bytes: 2, decode: (b) => [f16ToFloat(b.getUint16(0, true))]},
	BF16: {weights: 1, bytes: 2, decode: (b) => [bf16ToFloat(b.getUint16(0, true))]},
	Q4_0: {weights: 32, bytes: 18, decode: q4_0},
	Q4_1: {weights: 32, bytes: 20, decode: q4_1},
	Q5_0: {weights: 32, bytes: 22, decode: q5_0},
	Q5_1: {weights: 32, bytes: 24, decode: q5_1},
	Q8_0: {weights: 32, bytes: 34, decode: q8_0},
	Q4_K: {weights: 256, bytes: 144, decode: q4_K},
	Q5_K: {weights: 256, bytes: 176, decode: q5_K},
	Q6_K: {weights: 256, bytes: 210, decode: q6_K},
};

/** Block geometry of `type` as the tests know it. */
export function blockOf(type: string): {weights: number; bytes: number} {
	const block = BLOCKS[type];
	if (!block) throw new Error(`no dequantizer for ${type}`);
	return block;
}

/** Dequantizes `bytes` (whole blocks of `type`) to floats. */
export function dequantize(type: string, bytes: Uint8Array): Float64Array {
	const block = BLOCKS[type];
	if (!block) throw new Error(`no dequantizer for ${type}`);
	const count = bytes.length / block.bytes;
	const out = new Float64Array(count * block.weights);
	for (let i = 0; i < count; i++) {
		const view = new DataView(bytes.buffer, bytes.byteOffset + i * block.bytes, block.bytes);
		out.set(block.decode(view), i * block.weights);
	}
	return out;
}
