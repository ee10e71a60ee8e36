/**
 * A seeded xorshift128 generator: fast, deterministic, and independent of
 * `Math.random`. Streams are derived from a seed and a stream id with
 * splitmix32, so each tensor gets its own reproducible sequence.
 */
export class XorShift128 {
	#x: number;
	#y: number;
	#z: number;
	#w: number;

	/**
	 * @param seed the user's seed (any uint32)
	 * @param stream an id that separates independent sequences under one seed
	 */
	constructor(seed: number, stream = 0) {
		let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
		const next = (): number => {
			s = (s + 0x9e3779b9) >>> 0;
			let z = s;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
			return (z ^ (z >>> 16)) >>> 0;
		};
		this.#x = next();
		this.#y = next();
		this.#z = next();
		this.#w = next() | 1;
	}

	/** Fills `out` with uint32s from the sequence (the hot path of tensor generation). */
	fill(out: Uint32Array): void {
		let x = this.#x;
		let y = this.#y;
		let z = this.#z;
		let w = this.#w;
		for (let i = 0; i < out.length; i++) {
			const t = x ^ (x << 11);
			x = y;
			y = z;
			z = w;
			w = w ^ (w >>> 19) ^ (t ^ (t >>> 8));
			out[i] = w;
		}
		this.#x = x;
		this.#y = y;
		this.#z = z;
		this.#w = w >>> 0;
	}
}

/** A stable 32-bit FNV-1a hash of a string, used to derive per-tensor streams from tensor names. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}
