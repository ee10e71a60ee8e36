const floatView = new Float32Array(1);
const bitsView = new Uint32Array(floatView.buffer);

/** IEEE 754 half-precision bits of `value`, rounded to nearest even; overflow saturates to ±Inf. */
export function toF16Bits(value: number): number {
	floatView[0] = value;
	const x = bitsView[0] ?? 0;
	const sign = (x >>> 16) & 0x8000;
	const exponent = (x >>> 23) & 0xff;
	let mantissa = x & 0x7fffff;
	if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
	const e = exponent - 127 + 15;
	if (e >= 0x1f) return sign | 0x7c00;
	if (e <= 0) {
		if (e < -10) return sign;
		mantissa |= 0x800000;
		const shift = 14 - e;
		const half = 1 << (shift - 1);
		let rounded = mantissa >>> shift;
		const rest = mantissa & ((1 << shift) - 1);
		if (rest > half || (rest === half && (rounded & 1) === 1)) rounded++;
		return sign | rounded;
	}
	let bits = sign | (e << 10) | (mantissa >>> 13);
	const rest = mantissa & 0x1fff;
	if (rest > 0x1000 || (rest === 0x1000 && (bits & 1) === 1)) bits++;
	return bits;
}

/** The value of IEEE 754 half-precision `bits`. */
export function fromF16Bits(bits: number): number {
	const sign = bits & 0x8000 ? -1 : 1;
	const exponent = (bits >>> 10) & 0x1f;
	const mantissa = bits & 0x3ff;
	if (exponent === 0) return sign * mantissa * 2 ** -24;
	if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : Number.NaN;
	return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** bfloat16 bits of `value` (the top half of its float32 bits, rounded to nearest even). */
export function toBf16Bits(value: number): number {
	floatView[0] = value;
	const x = bitsView[0] ?? 0;
	if ((x & 0x7fffffff) > 0x7f800000) return ((x >>> 16) | 0x40) & 0xffff;
	return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}
