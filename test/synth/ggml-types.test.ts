import {describe, expect, it} from 'vitest';
import {elementCount, ggmlTypeById, tensorByteSize, typeTraits, typeTraitsById, WRITABLE_TYPES} from '../../src/synth/ggml-types.js';

describe('the ggml type table', () => {
	it.each([
		['F32', 0, [10, 3], 120],
		['F16', 1, [8, 2], 32],
		['Q8_0', 8, [64, 2], 2 * 2 * 34],
		['Q4_K', 12, [256, 4], 4 * 144],
		['Q6_K', 14, [512], 2 * 210],
	] as const)('%s (id %i): a name and its id give one size', (name, id, dims, bytes) => {
		expect(tensorByteSize(name, dims)).toBe(bytes);
		expect(tensorByteSize(id, dims)).toBe(bytes);
		expect(typeTraits(name).id).toBe(id);
		expect(typeTraitsById(id)?.name).toBe(name);
	});

	it('knows types the synth cannot write, by id only', () => {
		expect(ggmlTypeById(10)).toEqual({id: 10, name: 'Q2_K', blockSize: 256, blockBytes: 84});
		expect(typeTraitsById(10)).toBeUndefined();
		expect(tensorByteSize(39, [64, 3])).toBe(3 * 2 * 17);
	});

	it('an id newer than the table has no size and no name', () => {
		expect(tensorByteSize(999, [1])).toBeNull();
		expect(ggmlTypeById(999)).toBeUndefined();
	});

	it('a row that is not whole blocks takes whole blocks', () => {
		expect(tensorByteSize('Q8_0', [40, 2])).toBe(2 * 2 * 34);
	});

	it('writable types, floats first, each once', () => {
		expect(WRITABLE_TYPES.slice(0, 3)).toEqual(['F32', 'F16', 'BF16']);
		expect(new Set(WRITABLE_TYPES).size).toBe(WRITABLE_TYPES.length);
		expect(new Set(WRITABLE_TYPES.map((name) => typeTraits(name).id)).size).toBe(WRITABLE_TYPES.length);
	});

	it('elementCount multiplies numbers and bigints', () => {
		expect(elementCount([64, 3n, 2])).toBe(384);
		expect(elementCount([])).toBe(1);
	});
});
