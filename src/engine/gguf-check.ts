import {open, stat} from 'node:fs/promises';
import {readGgufFileInfo, type GgufFileInfo} from 'node-llama-cpp';
import {CorruptModelError, ModelNotFoundError, NotAFileError, NotGgufError, TruncatedModelError, oneLine} from './errors.js';
import {tensorByteSize} from '../synth/ggml-types.js';

/** Magic (4) + version (4) + tensor count (8) + metadata count (8). */
const FIXED_HEADER_BYTES = 24;
const MAGIC = 'GGUF';
const SUPPORTED_VERSIONS = new Set([2, 3]);
const MAX_COUNT = 1n << 20n;

/** A GGUF file that passed {@link checkGgufFile}: its parsed header and size. */
export interface CheckedGguf {
	path: string;
	sizeBytes: number;
	info: GgufFileInfo;
}

/**
 * Checks, cheaply and without llama.cpp, that `path` is a complete GGUF file:
 * it exists and is a regular file, starts with the GGUF magic and a supported
 * version, its header parses and ends inside the file, and every tensor of the
 * file's first part ends inside the file. llama.cpp maps whatever it is given,
 * so a file that fails here would otherwise crash or mislead it.
 *
 * @throws ModelNotFoundError, NotAFileError, NotGgufError, TruncatedModelError, CorruptModelError
 */
export async function checkGgufFile(path: string, ref: string = path): Promise<CheckedGguf> {
	const sizeBytes = await statRegularFile(path, ref);
	if (sizeBytes === 0) throw new NotGgufError(path, 'empty file, 0 bytes');
	const head = await readHead(path, FIXED_HEADER_BYTES);
	checkFixedHeader(path, head, sizeBytes);

	let info: GgufFileInfo;
	try {
		info = await readGgufFileInfo(path, {readTensorInfo: true, sourceType: 'filesystem', logWarnings: false});
	} catch (error) {
		throw new CorruptModelError(path, oneLine(error));
	}
	const headerEnd = info.infoEndOffset ?? 0;
	if (headerEnd > sizeBytes) {
		throw new TruncatedModelError(path, sizeBytes, headerEnd, 'the header is cut short');
	}
	if ((info.fullTensorInfo ?? info.tensorInfo ?? []).length === 0) {
		throw new CorruptModelError(path, 'it holds no tensors, so it is not a model');
	}
	const dataEnd = tensorDataEnd(info);
	if (dataEnd > sizeBytes) {
		throw new TruncatedModelError(path, sizeBytes, dataEnd, 'tensor data is missing');
	}
	return {path, sizeBytes, info};
}

async function statRegularFile(path: string, ref: string): Promise<number> {
	try {
		const s = await stat(path);
		if (s.isDirectory()) throw new NotAFileError(path, 'directory');
		if (!s.isFile()) throw new NotAFileError(path, 'special file');
		return s.size;
	} catch (error) {
		if (error instanceof NotAFileError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') throw new ModelNotFoundError(path, ref);
		throw new CorruptModelError(path, `cannot read it: ${oneLine(error)}`);
	}
}

async function readHead(path: string, length: number): Promise<Buffer> {
	let handle;
	try {
		handle = await open(path, 'r');
		const buffer = Buffer.alloc(length);
		const {bytesRead} = await handle.read(buffer, 0, length, 0);
		return buffer.subarray(0, bytesRead);
	} catch (error) {
		throw new CorruptModelError(path, `cannot read it: ${oneLine(error)}`);
	} finally {
		await handle?.close();
	}
}

function checkFixedHeader(path: string, head: Buffer, sizeBytes: number): void {
	const magic = head.subarray(0, 4).toString('latin1');
	if (!MAGIC.startsWith(magic) || magic.length === 0) {
		throw new NotGgufError(path, `starts with ${JSON.stringify(magic)}, not "GGUF"`);
	}
	if (head.length < FIXED_HEADER_BYTES) {
		throw new TruncatedModelError(path, sizeBytes, FIXED_HEADER_BYTES, 'the fixed header is cut short');
	}
	const version = head.readUInt32LE(4);
	if (!SUPPORTED_VERSIONS.has(version)) {
		throw new CorruptModelError(path, `unsupported GGUF version ${version}`);
	}
	const tensorCount = head.readBigUInt64LE(8);
	const metadataCount = head.readBigUInt64LE(16);
	// Counts beyond any real model are garbage, not a header to parse. Counts
	// that merely need more bytes than the file has (every tensor entry takes
	// >= 24 bytes, every metadata entry >= 12) mean it was cut short.
	if (tensorCount > MAX_COUNT || metadataCount > MAX_COUNT) {
		throw new CorruptModelError(path, `implausible counts: ${tensorCount} tensors, ${metadataCount} metadata entries`);
	}
	const minimumBytes = BigInt(FIXED_HEADER_BYTES) + tensorCount * 24n + metadataCount * 12n;
	if (minimumBytes > BigInt(sizeBytes)) {
		throw new TruncatedModelError(path, sizeBytes, Number(minimumBytes), 'the header is cut short');
	}
}

/** End offset of the last tensor stored in the file's first part (0 if none, or its type is unknown). */
function tensorDataEnd(info: GgufFileInfo): number {
	let end = 0;
	for (const tensor of info.fullTensorInfo ?? info.tensorInfo ?? []) {
		if (tensor.filePart != null && tensor.filePart !== 1) continue;
		const bytes = tensorByteSize(tensor.ggmlType, tensor.dimensions);
		const start = Number(tensor.fileOffset);
		end = Math.max(end, start + (bytes ?? 1));
	}
	return end;
}
