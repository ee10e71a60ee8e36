import {stat} from 'node:fs/promises';
import {readGgufFileInfo, type GgufFileInfo} from 'node-llama-cpp';
import {CorruptModelError, ModelNotFoundError, NotAFileError, NotGgufError, TruncatedModelError, oneLine} from './errors.js';
import {GgufHeaderError} from '../synth/errors.js';
import {readGgufHeader, type GgufHeader} from '../synth/gguf-read.js';
import {checkSplitParts} from '../synth/gguf-split.js';

/** A GGUF file that passed {@link checkGgufFile}: its parsed header and size. */
export interface CheckedGguf {
	path: string;
	sizeBytes: number;
	info: GgufFileInfo;
	/** The first part's header as the bounded pre-reader read it. */
	header: GgufHeader;
}

/**
 * Checks, cheaply and without llama.cpp, that `path` is a complete GGUF file:
 * it exists and is a regular file; every part of a split model exists; each
 * part's header passes the bounded pre-reader (`readGgufHeader`: lengths and
 * counts that fit the file, at most 4 dimensions, known ggml types, tensor
 * data inside the file) before node-llama-cpp's reader parses it. llama.cpp
 * maps whatever it is given, and node-llama-cpp's reader trusts every length,
 * so a file that fails here would otherwise crash or exhaust the process.
 *
 * @throws ModelNotFoundError, NotAFileError, NotGgufError, TruncatedModelError, CorruptModelError
 */
export async function checkGgufFile(path: string, ref: string = path): Promise<CheckedGguf> {
	const sizeBytes = await statRegularFile(path, ref);
	if (sizeBytes === 0) throw new NotGgufError(path, 'empty file, 0 bytes');
	const header = preRead(path, sizeBytes);

	let info: GgufFileInfo;
	try {
		info = await readGgufFileInfo(path, {readTensorInfo: true, sourceType: 'filesystem', logWarnings: false});
	} catch (error) {
		throw new CorruptModelError(path, oneLine(error));
	}
	if ((info.fullTensorInfo ?? info.tensorInfo ?? []).length === 0) {
		throw new CorruptModelError(path, 'it holds no tensors, so it is not a model');
	}
	return {path, sizeBytes, info, header};
}

/** Every part's header through the bounded reader; the first part's header. */
function preRead(path: string, sizeBytes: number): GgufHeader {
	try {
		const headers = checkSplitParts(path).map((part) => readGgufHeader(part));
		return headers[0]!;
	} catch (error) {
		if (!(error instanceof GgufHeaderError)) throw new CorruptModelError(path, `cannot read it: ${oneLine(error)}`);
		switch (error.kind) {
			case 'not-gguf':
				throw new NotGgufError(path, error.reason);
			case 'truncated':
				throw new TruncatedModelError(error.path === path ? path : `${path} (part ${error.path})`, sizeBytes, null, `at byte ${error.offset}: ${error.reason}`);
			case 'corrupt':
				throw new CorruptModelError(error.path, `at byte ${error.offset}: ${error.reason}`);
			default:
				throw new Error(`unhandled header error kind: ${error.kind satisfies never as string}`, {cause: error});
		}
	}
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
