import type {GgmlTypeName} from './ggml-types.js';

/** Whole-file quantizations a synthetic model can be written in. */
export const QUANTS = ['F16', 'Q8_0', 'Q6_K', 'Q5_K_M', 'Q5_0', 'Q4_K_M', 'Q4_0'] as const;

/** One of {@link QUANTS}. */
export type QuantName = (typeof QUANTS)[number];

/** `general.file_type` (llama_ftype) and the base tensor type of each quantization. */
export const FILE_TYPES: Record<QuantName, {id: number; base: GgmlTypeName}> = {
	F16: {id: 1, base: 'F16'},
	Q8_0: {id: 7, base: 'Q8_0'},
	Q6_K: {id: 18, base: 'Q6_K'},
	Q5_K_M: {id: 17, base: 'Q5_K'},
	Q5_0: {id: 8, base: 'Q5_0'},
	Q4_K_M: {id: 15, base: 'Q4_K'},
	Q4_0: {id: 2, base: 'Q4_0'},
};

const FTYPE_NAMES: Record<number, string> = {
	0: 'F32',
	1: 'F16',
	2: 'Q4_0',
	3: 'Q4_1',
	7: 'Q8_0',
	8: 'Q5_0',
	9: 'Q5_1',
	10: 'Q2_K',
	11: 'Q3_K_S',
	12: 'Q3_K_M',
	13: 'Q3_K_L',
	14: 'Q4_K_S',
	15: 'Q4_K_M',
	16: 'Q5_K_S',
	17: 'Q5_K_M',
	18: 'Q6_K',
	19: 'IQ2_XXS',
	20: 'IQ2_XS',
	21: 'Q2_K_S',
	22: 'IQ3_XS',
	23: 'IQ3_XXS',
	24: 'IQ1_S',
	25: 'IQ4_NL',
	26: 'IQ3_S',
	27: 'IQ3_M',
	28: 'IQ2_S',
	29: 'IQ2_M',
	30: 'IQ4_XS',
	31: 'IQ1_M',
	32: 'BF16',
	36: 'TQ1_0',
	37: 'TQ2_0',
	38: 'MXFP4_MOE',
};

/** Is `name` one of {@link QUANTS} (case-sensitive)? */
export function isQuantName(name: string): name is QuantName {
	return (QUANTS as readonly string[]).includes(name);
}

/** The llama.cpp name of a `general.file_type` value, e.g. 15 → `Q4_K_M`. */
export function fileTypeName(id: number | undefined): string {
	return id === undefined ? 'unknown' : (FTYPE_NAMES[id] ?? `ftype ${id}`);
}
