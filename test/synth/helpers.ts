import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {getLlama} from 'node-llama-cpp';
import type {Llama} from 'node-llama-cpp';

/** A fresh temporary directory and a function removing it. */
export async function tempDir(): Promise<{dir: string; cleanup: () => Promise<void>}> {
	const dir = await mkdtemp(join(tmpdir(), 'llmtop-synth-test-'));
	return {dir, cleanup: () => rm(dir, {recursive: true, force: true})};
}

/** Every entry of `dir`, hidden ones included (a leftover temp file shows up here). */
export async function entries(dir: string): Promise<string[]> {
	return (await readdir(dir)).sort();
}

let llama: Promise<Llama> | undefined;

/** One CPU-only llama.cpp binding per test file. */
export function cpuLlama(): Promise<Llama> {
	llama ??= getLlama({gpu: false});
	return llama;
}

/** The upstream-converted Llama-2 test model, when this machine has it. */
export {SHARED_MODEL as SHARED_TINY_LLAMA} from '../setup/skip.js';
