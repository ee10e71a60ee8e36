import {allocateBlocks, inverse, setF16, signedAbsMax} from './blocks.js';

const QK_K = 256;

/** Packs eight 6-bit scales and eight 6-bit mins into the 12-byte K-quant scale field. */
function packScalesMins(scales: ArrayLike<number>, mins: ArrayLike<number>): Uint8Array {
	const out = new Uint8Array(12);
	for (let j = 0; j < 8; j++) {
		const ls = scales[j] ?? 0;
		const lm = mins[j] ?? 0;
		if (j < 4) {
			out[j] = ls;
			out[j + 4] = lm;
		} else {
			out[j + 4] = (ls & 0xf) | ((lm & 0xf) << 4);
			out[j - 4] = (out[j - 4] ?? 0) | ((ls >> 4) << 6);
			out[j] = (out[j] ?? 0) | ((lm >> 4) << 6);
		}
	}
	return out;
}

/**
 * Quantizes one Q4_K/Q5_K super-block from `base` to levels 0..`qmax`: writes
 * its f16 d and dmin and its packed 6-bit scales and mins at `o`, and returns
 * the 256 levels for the caller to pack.
 */
function writeAsymmetricScales(values: Float32Array, base: number, qmax: number, out: Uint8Array, view: DataView, o: number): Uint8Array {
	const subScale = new Float64Array(8);
	const subMin = new Float64Array(8);
	for (let j = 0; j < 8; j++) {
		let min = 0;
		let max = -Infinity;
		for (let l = 0; l < 32; l++) {
			const v = values[base + j * 32 + l] ?? 0;
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		subScale[j] = (max - min) / qmax;
		subMin[j] = -min;
	}
	const d = setF16(view, o, Math.max(...subScale) / 63);
	const dmin = setF16(view, o + 2, Math.max(...subMin) / 63);
	const scales = new Uint8Array(8);
	const mins = new Uint8Array(8);
	const levels = new Uint8Array(QK_K);
	for (let j = 0; j < 8; j++) {
		scales[j] = d === 0 ? 0 : Math.min(63, Math.round((subScale[j] ?? 0) / d));
		mins[j] = dmin === 0 ? 0 : Math.min(63, Math.round((subMin[j] ?? 0) / dmin));
		const ds = d * (scales[j] ?? 0);
		const dm = dmin * (mins[j] ?? 0);
		for (let l = 0; l < 32; l++) {
			const v = values[base + j * 32 + l] ?? 0;
			const q = ds === 0 ? 0 : Math.round((v + dm) / ds);
			levels[j * 32 + l] = Math.min(qmax, Math.max(0, q));
		}
	}
	out.set(packScalesMins(scales, mins), o + 4);
	return levels;
}

/** Q4_K super-blocks (144 bytes per 256 weights: f16 d, f16 dmin, 12 scale bytes, 128 nibble bytes). */
export function quantizeQ4_K(values: Float32Array): Uint8Array {
	const {count, out, view} = allocateBlocks(values, QK_K, 144);
	for (let b = 0; b < count; b++) {
		const o = b * 144;
		const levels = writeAsymmetricScales(values, b * QK_K, 15, out, view, o);
		for (let chunk = 0; chunk < 4; chunk++) {
			for (let l = 0; l < 32; l++) {
				const lo = levels[chunk * 64 + l] ?? 0;
				const hi = levels[chunk * 64 + 32 + l] ?? 0;
				out[o + 16 + chunk * 32 + l] = lo | (hi << 4);
			}
		}
	}
	return out;
}

/** Q5_K super-blocks (176 bytes per 256 weights: f16 d, f16 dmin, 12 scale bytes, 32 high-bit bytes, 128 nibble bytes). */
export function quantizeQ5_K(values: Float32Array): Uint8Array {
	const {count, out, view} = allocateBlocks(values, QK_K, 176);
	for (let b = 0; b < count; b++) {
		const o = b * 176;
		const levels = writeAsymmetricScales(values, b * QK_K, 31, out, view, o);
		for (let chunk = 0; chunk < 4; chunk++) {
			for (let l = 0; l < 32; l++) {
				const lo = levels[chunk * 64 + l] ?? 0;
				const hi = levels[chunk * 64 + 32 + l] ?? 0;
				out[o + 48 + chunk * 32 + l] = (lo & 0xf) | ((hi & 0xf) << 4);
				const highBits = ((lo >> 4) << (2 * chunk)) | ((hi >> 4) << (2 * chunk + 1));
				out[o + 16 + l] = (out[o + 16 + l] ?? 0) | highBits;
			}
		}
	}
	return out;
}

/** Q6_K super-blocks (210 bytes per 256 weights: 128 low-nibble bytes, 64 high-bit bytes, 16 int8 scales, f16 d). */
export function quantizeQ6_K(values: Float32Array): Uint8Array {
	const {count, out, view} = allocateBlocks(values, QK_K, 210);
	const subScale = new Float64Array(16);
	const levels = new Uint8Array(QK_K);
	for (let b = 0; b < count; b++) {
		const base = b * QK_K;
		const o = b * 210;
		let maxScale = 0;
		for (let j = 0; j < 16; j++) {
			subScale[j] = signedAbsMax(values, base + j * 16, 16) / -32;
			if (Math.abs(subScale[j] ?? 0) > Math.abs(maxScale)) maxScale = subScale[j] ?? 0;
		}
		const iscale = maxScale === 0 ? 0 : -128 / maxScale;
		const d = setF16(view, o + 208, inverse(iscale));
		for (let j = 0; j < 16; j++) {
			const sc = Math.max(-128, Math.min(127, Math.round(iscale * (subScale[j] ?? 0))));
			view.setInt8(o + 192 + j, sc);
			const ds = d * sc;
			for (let l = 0; l < 16; l++) {
				const v = values[base + j * 16 + l] ?? 0;
				const q = ds === 0 ? 0 : Math.round(v / ds);
				levels[j * 16 + l] = Math.min(63, Math.max(0, q + 32));
			}
		}
		for (let half = 0; half < 2; half++) {
			const lq = o + half * 64;
			const hq = o + 128 + half * 32;
			const lv = half * 128;
			for (let l = 0; l < 32; l++) {
				const q1 = levels[lv + l] ?? 0;
				const q2 = levels[lv + l + 32] ?? 0;
				const q3 = levels[lv + l + 64] ?? 0;
				const q4 = levels[lv + l + 96] ?? 0;
				out[lq + l] = (q1 & 0xf) | ((q3 & 0xf) << 4);
				out[lq + l + 32] = (q2 & 0xf) | ((q4 & 0xf) << 4);
				out[hq + l] = (q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6);
			}
		}
	}
	return out;
}
