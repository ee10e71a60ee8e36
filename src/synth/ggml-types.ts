/**
 * The one table of ggml tensor types (ids, names and block geometry as in
 * ggml.h and ggml.c's type traits): what the synth writes and what the
 * engine checks a GGUF file's tensor data against. Lives in `synth` (which
 * imports nothing of llmtop's) so the engine can import it too.
 */

/** Every ggml type this build knows; `writable` marks those the synth can write. */
const TABLE = [
	{id: 0, name: 'F32', blockSize: 1, blockBytes: 4, writable: true},
	{id: 1, name: 'F16', blockSize: 1, blockBytes: 2, writable: true},
	{id: 30, name: 'BF16', blockSize: 1, blockBytes: 2, writable: true},
	{id: 2, name: 'Q4_0', blockSize: 32, blockBytes: 18, writable: true},
	{id: 3, name: 'Q4_1', blockSize: 32, blockBytes: 20, writable: true},
	{id: 6, name: 'Q5_0', blockSize: 32, blockBytes: 22, writable: true},
	{id: 7, name: 'Q5_1', blockSize: 32, blockBytes: 24, writable: true},
	{id: 8, name: 'Q8_0', blockSize: 32, blockBytes: 34, writable: true},
	{id: 12, name: 'Q4_K', blockSize: 256, blockBytes: 144, writable: true},
	{id: 13, name: 'Q5_K', blockSize: 256, blockBytes: 176, writable: true},
	{id: 14, name: 'Q6_K', blockSize: 256, blockBytes: 210, writable: true},
	{id: 9, name: 'Q8_1', blockSize: 32, blockBytes: 36, writable: false},
	{id: 10, name: 'Q2_K', blockSize: 256, blockBytes: 84, writable: false},
	{id: 11, name: 'Q3_K', blockSize: 256, blockBytes: 110, writable: false},
	{id: 15, name: 'Q8_K', blockSize: 256, blockBytes: 292, writable: false},
	{id: 16, name: 'IQ2_XXS', blockSize: 256, blockBytes: 66, writable: false},
	{id: 17, name: 'IQ2_XS', blockSize: 256, blockBytes: 74, writable: false},
	{id: 18, name: 'IQ3_XXS', blockSize: 256, blockBytes: 98, writable: false},
	{id: 19, name: 'IQ1_S', blockSize: 256, blockBytes: 50, writable: false},
	{id: 20, name: 'IQ4_NL', blockSize: 32, blockBytes: 18, writable: false},
	{id: 21, name: 'IQ3_S', blockSize: 256, blockBytes: 110, writable: false},
	{id: 22, name: 'IQ2_S', blockSize: 256, blockBytes: 82, writable: false},
	{id: 23, name: 'IQ4_XS', blockSize: 256, blockBytes: 136, writable: false},
	{id: 24, name: 'I8', blockSize: 1, blockBytes: 1, writable: false},
	{id: 25, name: 'I16', blockSize: 1, blockBytes: 2, writable: false},
	{id: 26, name: 'I32', blockSize: 1, blockBytes: 4, writable: false},
	{id: 27, name: 'I64', blockSize: 1, blockBytes: 8, writable: false},
	{id: 28, name: 'F64', blockSize: 1, blockBytes: 8, writable: false},
	{id: 29, name: 'IQ1_M', blockSize: 256, blockBytes: 56, writable: false},
	{id: 34, name: 'TQ1_0', blockSize: 256, blockBytes: 54, writable: false},
	{id: 35, name: 'TQ2_0', blockSize: 256, blockBytes: 66, writable: false},
	{id: 39, name: 'MXFP4', blockSize: 32, blockBytes: 17, writable: false},
] as const;

type Row = (typeof TABLE)[number];

/** Name of a writable ggml type, e.g. `Q4_K`. */
export type GgmlTypeName = Extract<Row, {writable: true}>['name'];

/** Block geometry of a ggml type: `blockSize` weights are stored in `blockBytes` bytes. */
export interface GgmlTypeTraits<Name extends string = GgmlTypeName> {
	name: Name;
	id: number;
	blockSize: number;
	blockBytes: number;
}

const BY_ID = new Map<number, GgmlTypeTraits<string>>(TABLE.map(({id, name, blockSize, blockBytes}) => [id, {id, name, blockSize, blockBytes}]));
const WRITABLE = new Map<GgmlTypeName, GgmlTypeTraits>(
	TABLE.filter((row): row is Extract<Row, {writable: true}> => row.writable).map(({id, name, blockSize, blockBytes}) => [
		name,
		{id, name, blockSize, blockBytes},
	]),
);

/** Every writable type, floats first. */
export const WRITABLE_TYPES: readonly GgmlTypeName[] = [...WRITABLE.keys()];

/** Traits of a writable type by name. */
export function typeTraits(name: GgmlTypeName): GgmlTypeTraits {
	const traits = WRITABLE.get(name);
	if (!traits) throw new RangeError(`not a writable ggml type: ${String(name)}`);
	return {...traits};
}

/** Traits of a writable type by ggml id, or `undefined` when this package cannot write it. */
export function typeTraitsById(id: number): GgmlTypeTraits | undefined {
	const traits = BY_ID.get(id);
	return traits && WRITABLE.has(traits.name as GgmlTypeName) ? {...(traits as GgmlTypeTraits)} : undefined;
}

/** Traits of any known ggml type by id (writable or not), or `undefined` when the type is newer than this table. */
export function ggmlTypeById(id: number): GgmlTypeTraits<string> | undefined {
	const traits = BY_ID.get(id);
	return traits && {...traits};
}

/** Number of elements of a tensor with these dimensions. */
export function elementCount(dimensions: readonly (number | bigint)[]): number {
	return dimensions.reduce<number>((total, d) => total * Number(d), 1);
}

/**
 * Size in bytes of a tensor of `type` (a writable type's name or any ggml
 * id) with these dimensions: each row (the first dimension) takes whole
 * blocks. `null` when the id is unknown here (newer than this table).
 */
export function tensorByteSize(type: GgmlTypeName, dimensions: readonly (number | bigint)[]): number;
export function tensorByteSize(type: number, dimensions: readonly (number | bigint)[]): number | null;
export function tensorByteSize(type: GgmlTypeName | number, dimensions: readonly (number | bigint)[]): number | null {
	const traits = typeof type === 'number' ? BY_ID.get(type) : WRITABLE.get(type);
	if (traits === undefined) return null;
	const [first = 1, ...rest] = dimensions.map(Number);
	const rowBytes = Math.ceil(first / traits.blockSize) * traits.blockBytes;
	return rest.reduce((total, d) => total * d, rowBytes);
}
