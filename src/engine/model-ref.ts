import {resolve} from 'node:path';
import {isSyntheticRef} from '../synth/index.js';
import {BadModelRefError} from './errors.js';

/** A model reference, classified without touching the disk or the network. */
export type ModelRef = {kind: 'path'; ref: string; path: string} | {kind: 'hf'; ref: string} | {kind: 'url'; ref: string} | {kind: 'synthetic'; ref: string};

const HF_PREFIXES = ['hf:', 'huggingface:'] as const;
const HF_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const HF_TAG = /^[A-Za-z0-9._-]+$/;
/** The shapes of an `hf:` URI, for error messages. */
export const HF_EXPECTED = '"hf:OWNER/REPO[:QUANT]" or "hf:OWNER/REPO/FILE.gguf[#BRANCH]"';

/**
 * Classifies `--model`: `hf:`/`huggingface:` URIs, `http(s)://` URLs,
 * `synthetic:PRESET[:QUANT]`, and anything else as a file path (resolved
 * against the working directory). `hf:` URIs are checked for shape here so a
 * malformed one fails at once, before any network access.
 *
 * @throws BadModelRefError for an empty reference or a malformed `hf:` URI
 */
export function parseModelRef(ref: string, cwd: string = process.cwd()): ModelRef {
	const trimmed = ref.trim();
	if (trimmed === '') throw new BadModelRefError(ref, 'a GGUF file path, an hf: URI or synthetic:PRESET[:QUANT]');
	if (isSyntheticRef(trimmed)) return {kind: 'synthetic', ref: trimmed};
	const hfPrefix = HF_PREFIXES.find((prefix) => trimmed.startsWith(prefix));
	if (hfPrefix != null) {
		checkHuggingFaceUri(trimmed, trimmed.slice(hfPrefix.length).replace(/^\/\//, ''));
		return {kind: 'hf', ref: trimmed};
	}
	if (/^https?:\/\//i.test(trimmed)) {
		if (!URL.canParse(trimmed)) throw new BadModelRefError(ref, 'a valid http(s) URL');
		return {kind: 'url', ref: trimmed};
	}
	return {kind: 'path', ref, path: resolve(cwd, ref)};
}

function checkHuggingFaceUri(ref: string, body: string): void {
	const [owner = '', repoAndTag = '', ...fileParts] = body.split('/');
	if (!HF_NAME.test(owner)) throw new BadModelRefError(ref, HF_EXPECTED);
	if (fileParts.length === 0) {
		const [repo = '', tag, ...extra] = repoAndTag.split(':');
		if (!HF_NAME.test(repo) || extra.length > 0 || (tag !== undefined && !HF_TAG.test(tag))) {
			throw new BadModelRefError(ref, HF_EXPECTED);
		}
		return;
	}
	const [filePath = '', branch, ...extra] = fileParts.join('/').split('#');
	const fileOk = filePath.split('/').every((part) => part !== '' && !/\s/.test(part)) && /\.gguf$/i.test(filePath);
	if (!HF_NAME.test(repoAndTag) || !fileOk || extra.length > 0 || (branch !== undefined && !HF_TAG.test(branch))) {
		throw new BadModelRefError(ref, HF_EXPECTED);
	}
}
