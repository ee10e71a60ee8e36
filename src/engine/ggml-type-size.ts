/**
 * Bytes per block and elements per block of ggml tensor types, by type id
 * (ggml.h). Used to check that a GGUF file holds all of its tensor data
 * before llama.cpp maps it.
 */
const BLOCKS: ReadonlyMap<number, readonly [bytes: number, elements: number]> = new Map([
	[0, [4, 1]], // F32
	[1, [2, 1]], // F16
	[2, [18, 32]], // Q4_0
	[3, [20, 32]], // Q4_1
	[6, [22, 32]], // Q5_0
	[7, [24, 32]], // Q5_1
	[8, [34, 32]], // Q8_0
	[9, [36, 32]], // Q8_1
	[10, [84, 256]], // Q2_K
	[11, [110, 256]], // Q3_K
	[12, [144, 256]], // Q4_K
	[13, [176, 256]], // Q5_K
	[14, [210, 256]], // Q6_K
	[15, [292, 256]], // Q8_K
	[16, [66, 256]], // IQ2_XXS
	[17, [74, 256]], // IQ2_XS
	[18, [98, 256]], // IQ3_XXS
	[19, [50, 256]], // IQ1_S
	[20, [18, 32]], // IQ4_NL
	[21, [110, 256]], // IQ3_S
	[22, [82, 256]], // IQ2_S
	[23, [136, 256]], // IQ4_XS
	[24, [1, 1]], // I8
	[25, [2, 1]], // I16
	[26, [4, 1]], // I32
	[27, [8, 1]], // I64
	[28, [8, 1]], // F64
	[29, [56, 256]], // IQ1_M
	[30, [2, 1]], // BF16
	[34, [54, 256]], // TQ1_0
	[35, [66, 256]], // TQ2_0
	[39, [17, 32]], // MXFP4
]);

/**
 * Size in bytes of a tensor of `ggmlType` with these dimensions, or `null`
 * when the type is unknown here (newer than this table).
 */
export function tensorByteSize(ggmlType: number, dimensions: readonly (number | bigint)[]): number | null {
	const block = BLOCKS.get(ggmlType);
	if (block == null) return null;
	const [bytes, elements] = block;
	const [first = 1, ...rest] = dimensions.map(Number);
	const rowBytes = Math.ceil(first / elements) * bytes;
	return rest.reduce((total, d) => total * d, rowBytes);
}

/** Number of elements of a tensor with these dimensions. */
export function elementCount(dimensions: readonly (number | bigint)[]): number {
	return dimensions.reduce<number>((total, d) => total * Number(d), 1);
}
