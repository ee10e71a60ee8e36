/**
 * Synthetic model writing: throughput of `writeSyntheticModel` on the 1B
 * Q4_K_M preset beside a plain write of the same number of zero bytes (the
 * disk's speed in the same sitting), and a check that every preset at its
 * smallest quantization loads in node-llama-cpp and generates; and the
 * benchmark table's rows of it. Run after `tsc`: `node dist/bench/synth.js [--json]`.
 */
import {mkdtemp, open, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {getLlama} from 'node-llama-cpp';
import {estimateFileSize, listPresets, writeSyntheticModel} from '../src/synth/index.js';
import {spread} from './lib/stats.js';
import {figureRow, fmtMb, type BenchRow} from './lib/table.js';

/** One measurement. */
export interface SynthBenchRow {
	/** `write`: a synthetic model; `raw-write`: zero bytes of the same size; `load`: write, then load and generate. */
	kind: 'write' | 'raw-write' | 'load';
	preset: string;
	quant: string;
	bytes: number;
	/** Wall time of the write, s. */
	writeSeconds: number;
	/** Write throughput, MB/s (10^6 bytes per second). */
	mbPerSec: number;
	/** `loadModel` + `createContext`, ms (load rows). */
	loadMs?: number;
	/** Tokens generated after loading (load rows). */
	tokens?: number;
	/** Why a load row failed. */
	error?: string;
}

/** Options for {@link benchSynth}. */
export interface SynthBenchOptions {
	/** Scratch directory (files are deleted after each step). @default a new directory under the OS temp dir */
	dir?: string;
	/** Presets whose smallest quantization is load-checked. @default all */
	presets?: string[];
}

/** What {@link benchSynth} measured. */
export interface SynthBenchResult {
	rows: SynthBenchRow[];
	/** Synthetic write throughput / plain write throughput, same size, same sitting. */
	writeRatioToRaw: number;
}

const THROUGHPUT_PRESET = 'llama-3.2-1b';
const THROUGHPUT_QUANT = 'Q4_K_M';
const CHUNK = 8 * 1024 * 1024;

/** A plain write of zeros with the synthetic writer's pattern: 8 MiB chunks, up to 3 writes in flight, then fdatasync. */
async function rawWrite(path: string, bytes: number): Promise<number> {
	const chunk = new Uint8Array(CHUNK);
	const start = performance.now();
	const file = await open(path, 'w');
	try {
		const inFlight: Promise<unknown>[] = [];
		for (let position = 0; position < bytes; position += CHUNK) {
			if (inFlight.length === 3) await inFlight.shift();
			inFlight.push(file.write(chunk, 0, Math.min(CHUNK, bytes - position), position));
		}
		await Promise.all(inFlight);
		await file.datasync();
	} finally {
		await file.close();
	}
	return (performance.now() - start) / 1000;
}

function smallestQuant(preset: {name: string; quants: string[]}): string {
	return [...preset.quants].sort((a, b) => estimateFileSize(preset.name, a) - estimateFileSize(preset.name, b))[0]!;
}

async function loadCheck(dir: string, preset: string, quant: string): Promise<SynthBenchRow> {
	const out = join(dir, `${preset}-${quant}.gguf`);
	const start = performance.now();
	const written = await writeSyntheticModel({preset, quant, out});
	const writeSeconds = (performance.now() - start) / 1000;
	const row: SynthBenchRow = {kind: 'load', preset, quant, bytes: written.bytes, writeSeconds, mbPerSec: written.bytes / 1e6 / writeSeconds};
	try {
		const llama = await getLlama({gpu: false});
		const loadStart = performance.now();
		const model = await llama.loadModel({modelPath: out});
		const context = await model.createContext({contextSize: 256, threads: 1});
		row.loadMs = performance.now() - loadStart;
		let tokens = 0;
		for await (const _ of context.getSequence().evaluate(model.tokenize('The endpoint agent scans the disk'), {temperature: 0.8, seed: 1})) {
			if (++tokens >= 8) break;
		}
		row.tokens = tokens;
		await context.dispose();
		await model.dispose();
	} catch (error) {
		row.error = error instanceof Error ? error.message : String(error);
	} finally {
		await rm(out, {force: true});
	}
	return row;
}

/** Measures write throughput and load-checks every preset (see the file comment). */
export async function benchSynth(options: SynthBenchOptions = {}): Promise<SynthBenchResult> {
	const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'llmtop-bench-synth-')));
	const rows: SynthBenchRow[] = [];
	try {
		const bytes = estimateFileSize(THROUGHPUT_PRESET, THROUGHPUT_QUANT);
		const rawPath = join(dir, 'raw.bin');
		const rawSeconds = await rawWrite(rawPath, bytes);
		await rm(rawPath, {force: true});
		rows.push({kind: 'raw-write', preset: '-', quant: '-', bytes, writeSeconds: rawSeconds, mbPerSec: bytes / 1e6 / rawSeconds});
		const out = join(dir, 'throughput.gguf');
		const start = performance.now();
		await writeSyntheticModel({preset: THROUGHPUT_PRESET, quant: THROUGHPUT_QUANT, out});
		const seconds = (performance.now() - start) / 1000;
		await rm(out, {force: true});
		rows.push({kind: 'write', preset: THROUGHPUT_PRESET, quant: THROUGHPUT_QUANT, bytes, writeSeconds: seconds, mbPerSec: bytes / 1e6 / seconds});
		const wanted = new Set(options.presets ?? listPresets().map((p) => p.name));
		for (const preset of listPresets().filter((p) => wanted.has(p.name))) rows.push(await loadCheck(dir, preset.name, smallestQuant(preset)));
	} finally {
		if (options.dir === undefined) await rm(dir, {recursive: true, force: true});
	}
	const raw = rows.find((row) => row.kind === 'raw-write')!;
	const write = rows.find((row) => row.kind === 'write')!;
	return {rows, writeRatioToRaw: write.mbPerSec / raw.mbPerSec};
}

/** The benchmark table's rows of a {@link benchSynth} result. */
export function synthRows(result: SynthBenchResult): BenchRow[] {
	const write = result.rows.find((row) => row.kind === 'write');
	const raw = result.rows.find((row) => row.kind === 'raw-write');
	const loads = result.rows.filter((row) => row.kind === 'load');
	const loaded = loads.filter((row) => row.error === undefined && (row.tokens ?? 0) > 0);
	const s = 'synthetic model writing (bench/synth.ts; MB = 10^6 bytes, with fdatasync)';
	return [
		figureRow(s, `write MB/s, ${write?.preset} ${write?.quant} (${fmtMb(write?.bytes)} MB)`, spread([write?.mbPerSec]), {digits: 0, target: {op: '>=', value: 200}, note: `${write?.writeSeconds.toFixed(1)} s`}),
		figureRow(s, 'plain write of zeros MB/s, same size and pattern', spread([raw?.mbPerSec]), {digits: 0}),
		figureRow(s, 'synthetic / plain write', spread([result.writeRatioToRaw]), {digits: 2}),
		figureRow(s, 'presets that load and generate (smallest quant)', spread([loaded.length]), {
			digits: 0,
			target: {op: '>=', value: loads.length},
			note: loads.map((row) => `${row.preset} ${row.quant} ${fmtMb(row.bytes)} MB load ${row.loadMs === undefined ? 'failed' : `${(row.loadMs / 1000).toFixed(1)} s`}`).join('; '),
		}),
	];
}

function format(result: SynthBenchResult): string {
	const lines = ['synthetic model writing (MB = 10^6 bytes; writes include fdatasync)'];
	for (const row of result.rows) {
		const what = row.kind === 'raw-write' ? 'plain write of zeros' : `${row.preset} ${row.quant}`;
		const load = row.kind === 'load' ? (row.error ? `  LOAD FAILED: ${row.error}` : `  load ${row.loadMs!.toFixed(0)} ms, ${row.tokens} tokens generated`) : '';
		lines.push(`  ${row.kind.padEnd(9)} ${what.padEnd(24)} ${(row.bytes / 1e6).toFixed(1).padStart(8)} MB in ${row.writeSeconds.toFixed(2).padStart(6)} s = ${row.mbPerSec.toFixed(0).padStart(5)} MB/s${load}`);
	}
	lines.push(`  synthetic / plain write throughput: ${result.writeRatioToRaw.toFixed(2)}`);
	return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const result = await benchSynth();
	console.log(format(result));
	if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
	process.exit(result.rows.some((row) => row.error !== undefined) ? 1 : 0);
}
