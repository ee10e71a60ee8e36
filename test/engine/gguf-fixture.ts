import {existsSync} from 'node:fs';
import {SHARED_MODEL} from '../setup/skip.js';

/** The shared real GGUF (upstream converter, Llama-2 vocabulary), when this machine has it. */
export {needsSharedModel, SHARED_MODEL} from '../setup/skip.js';

/** Whether the shared model is present; tests that need it skip with a message otherwise (`needsSharedModel`). */
export const HAS_SHARED_MODEL = existsSync(SHARED_MODEL);

function ggufString(text: string): Buffer {
	const bytes = Buffer.from(text, 'utf8');
	const length = Buffer.alloc(8);
	length.writeBigUInt64LE(BigInt(bytes.length));
	return Buffer.concat([length, bytes]);
}

function u32(n: number): Buffer {
	const b = Buffer.alloc(4);
	b.writeUInt32LE(n);
	return b;
}

function u64(n: number): Buffer {
	const b = Buffer.alloc(8);
	b.writeBigUInt64LE(BigInt(n));
	return b;
}

/**
 * A minimal valid GGUF v3: `general.architecture` and `general.name`, and one
 * F32 tensor of `elements` values. Not loadable as a model; enough for the
 * header and truncation checks, which never reach llama.cpp.
 */
export function tinyGguf(elements = 64): Buffer {
	const metadata = Buffer.concat([ggufString('general.architecture'), u32(8), ggufString('llama'), ggufString('general.name'), u32(8), ggufString('fixture')]);
	const tensorInfo = Buffer.concat([ggufString('weights'), u32(1), u64(elements), u32(0), u64(0)]);
	const header = Buffer.concat([Buffer.from('GGUF', 'latin1'), u32(3), u64(1), u64(2), metadata, tensorInfo]);
	const padding = Buffer.alloc((32 - (header.length % 32)) % 32);
	const data = Buffer.alloc(elements * 4, 1);
	return Buffer.concat([header, padding, data]);
}
