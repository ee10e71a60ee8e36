import {stat} from 'node:fs/promises';
import {resolve} from 'node:path';
import {readGgufFileInfo} from 'node-llama-cpp';
import {GgufHeaderError, LikeModelError} from './errors.js';
import {readGgufHeader} from './gguf-read.js';
import type {GgmlTypeName} from './ggml-types.js';
import {tensorByteSize, typeTraitsById, WRITABLE_TYPES} from './ggml-types.js';

/** A tensor of the file being cloned. */
export interface LikeTensor {
	name: string;
	dims: number[];
	type: GgmlTypeName;
}

/** What `--like` takes from an existing GGUF header. */
export interface LikeSource {
	path: string;
	name: string | undefined;
	fileType: number | undefined;
	/** The `llama` section of the metadata, as node-llama-cpp parses it. */
	llama: Record<string, unknown>;
	tensors: LikeTensor[];
	vocabSize: number;
}

type RawTensor = {name: string; dimensions: readonly (number | bigint)[]; ggmlType: number; fileOffset: number | bigint};

async function readHeader(path: string): Promise<Awaited<ReturnType<typeof readGgufFileInfo>>> {
	try {
		return await readGgufFileInfo(path, {logWarnings: false, sourceType: 'filesystem', spliceSplitFiles: false});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		if (error instanceof Error && error.constructor.name === 'InvalidGgufMagicError') throw new LikeModelError(path, 'not a GGUF file');
		throw new LikeModelError(path, `unreadable GGUF header (${message})`);
	}
}

/** The bounded pre-reader first: node-llama-cpp's reader trusts every length it reads. */
function preRead(path: string): void {
	try {
		readGgufHeader(path);
	} catch (error) {
		if (!(error instanceof GgufHeaderError)) throw new LikeModelError(path, `cannot read it (${error instanceof Error ? error.message : String(error)})`);
		if (error.kind === 'not-gguf') throw new LikeModelError(path, 'not a GGUF file');
		throw new LikeModelError(path, `${error.kind === 'truncated' ? 'truncated' : 'corrupt'} GGUF header at byte ${error.offset}: ${error.reason}`);
	}
}

function convertTensors(path: string, raw: readonly RawTensor[], fileSize: number): LikeTensor[] {
	const unsupported = new Map<number, string[]>();
	const tensors: LikeTensor[] = [];
	for (const tensor of raw) {
		const dims = tensor.dimensions.map(Number);
		if (tensor.name === '' || dims.length === 0 || dims.some((dim) => !Number.isInteger(dim) || dim <= 0)) {
			throw new LikeModelError(path, 'truncated or corrupt tensor table');
		}
		const traits = typeTraitsById(tensor.ggmlType);
		if (!traits) {
			unsupported.set(tensor.ggmlType, [...(unsupported.get(tensor.ggmlType) ?? []), tensor.name]);
			continue;
		}
		const end = Number(tensor.fileOffset) + tensorByteSize(traits.name, dims);
		if (end > fileSize) throw new LikeModelError(path, `truncated: ${tensor.name} ends at byte ${end} but the file has ${fileSize} bytes`);
		tensors.push({name: tensor.name, dims, type: traits.name});
	}
	if (unsupported.size > 0) {
		const list = [...unsupported.entries()].map(([type, names]) => `ggml type ${type} (${names[0]}${names.length > 1 ? ` and ${names.length - 1} more` : ''})`);
		throw new LikeModelError(path, `unsupported tensor types: ${list.join(', ')}; supported: ${WRITABLE_TYPES.join(', ')}`);
	}
	return tensors;
}

/**
 * Reads the header of the GGUF file `like` and checks that it can be cloned:
 * it exists, is a complete GGUF file (node-llama-cpp reads past the end of a
 * truncated file as zeros, so sizes are checked here), has the llama
 * architecture, and only tensor types this package can write.
 */
export async function readLikeSource(like: string): Promise<LikeSource> {
	const path = resolve(like);
	const info = await stat(path).catch(() => undefined);
	if (!info) throw new LikeModelError(path, 'file does not exist');
	if (!info.isFile()) throw new LikeModelError(path, 'not a regular file');
	preRead(path);
	const header = await readHeader(path);
	if ((header.infoEndOffset ?? 0) > info.size)
		throw new LikeModelError(path, `truncated: the header ends at byte ${header.infoEndOffset} but the file has ${info.size} bytes`);
	const metadata = header.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
	const splitCount = metadata.split?.count;
	if (typeof splitCount === 'number' && splitCount > 1) throw new LikeModelError(path, `one part of a ${splitCount}-part split GGUF; merge the parts first`);
	const architecture = metadata.general?.architecture;
	if (architecture !== 'llama') {
		throw new LikeModelError(path, `architecture "${String(architecture)}" cannot be emulated (only llama-architecture models can be cloned)`);
	}
	const tensors = convertTensors(path, (header.fullTensorInfo ?? []) as RawTensor[], info.size);
	const embedding = tensors.find((tensor) => tensor.name === 'token_embd.weight');
	if (!embedding || embedding.dims.length !== 2) throw new LikeModelError(path, 'no token_embd.weight tensor');
	const fileType = metadata.general?.file_type;
	const name = metadata.general?.name;
	return {
		path,
		name: typeof name === 'string' ? name : undefined,
		fileType: typeof fileType === 'number' ? fileType : undefined,
		llama: metadata.llama ?? {},
		tensors,
		vocabSize: embedding.dims[1]!,
	};
}
