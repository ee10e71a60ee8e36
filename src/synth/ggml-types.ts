/** ggml tensor type ids this package can write (values as in ggml.h). */
export const GgmlType = {
	F32: 0,
	F16: 1,
	Q4_0: 2,
	Q4_1: 3,
	Q5_0: 6,
	Q5_1: 7,
	Q8_0: 8,
	Q4_K: 12,
	Q5_K: 13,
	Q6_K: 14,
	BF16: 30,
} as const;

/** Name of a writable ggml type, e.g. `Q4_K`. */
export type GgmlTypeName = keyof typeof GgmlType;

/** Block geometry of a ggml type: `blockSize` weights are stored in `blockBytes` bytes. */
export interface GgmlTypeTraits {
	name: GgmlTypeName;
	id: number;
	blockSize: number;
	blockBytes: number;
}

const TRAITS: Record<GgmlTypeName, Omit<GgmlTypeTraits, 'name' | 'id'>> = {
	F32: {blockSize: 1, blockBytes: 4},
	F16: {blockSize: 1, blockBytes: 2},
	BF16: {blockSize: 1, blockBytes: 2},
	Q4_0: {blockSize: 32, blockBytes: 18},
	Q4_1: {blockSize: 32, blockBytes: 20},
	Q5_0: {blockSize: 32, blockBytes: 22},
	Q5_1: {blockSize: 32, blockBytes: 24},
	Q8_0: {blockSize: 32, blockBytes: 34},
	Q4_K: {blockSize: 256, blockBytes: 144},
	Q5_K: {blockSize: 256, blockBytes: 176},
	Q6_K: {blockSize: 256, blockBytes: 210},
};

/** Every writable type, floats first. */
export const WRITABLE_TYPES: readonly GgmlTypeName[] = Object.keys(TRAITS) as GgmlTypeName[];

const BY_ID = new Map<number, GgmlTypeTraits>(WRITABLE_TYPES.map((name) => [GgmlType[name], typeTraits(name)]));

/** Traits of a writable type by name. */
export function typeTraits(name: GgmlTypeName): GgmlTypeTraits {
	return {name, id: GgmlType[name], ...TRAITS[name]};
}

/** Traits of a writable type by ggml id, or `undefined` when this package cannot write it. */
export function typeTraitsById(id: number): GgmlTypeTraits | undefined {
	return BY_ID.get(id);
}

/** Bytes taken by `elements` weights of `type` (elements must be a whole number of blocks). */
export function tensorByteSize(type: GgmlTypeName, elements: number): number {
	const {blockSize, blockBytes} = TRAITS[type];
	return (elements / blockSize) * blockBytes;
}
