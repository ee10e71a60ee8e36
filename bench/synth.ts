/**
 * Synthetic model writing, with generation and I/O measured apart, in
 * rotated rounds (each kind takes every position in turn, ABBA-style, so none
 * always pays the cold page cache):
 * - `generate`: the writer's streaming code (`streamGguf`) into a sink that
 *   writes nothing: random-weight generation and quantisation alone.
 * - `plain`: zeros of the same size with the writer's pattern (8 MiB chunks,
 *   up to 3 writes in flight), timed as two quantities: the `write()` phase
 *   (page-cache write throughput: the data is in memory when it returns) and
 *   the `fdatasync` that follows (flushing the dirty pages to the disk).
 * - `synth`: `writeSyntheticModel` end to end (generate + write + fdatasync +
 *   rename), the figure a user waits for.
 * Then (full runs) every preset at its smallest quantisation is written,
 * loaded in node-llama-cpp and generates. Run after `tsc`:
 * `node dist/bench/synth.js [--rounds N] [--preset NAME --quant Q]`.
 */
import type {FileHandle} from 'node:fs/promises';
import {mkdtemp, open, rm} from 'node:fs/promises';
import {statfsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {getLlama} from 'node-llama-cpp';
import {estimateFileSize, listPresets, writeSyntheticModel} from '../src/synth/index.js';
import {planPreset} from '../src/synth/write-model.js';
import {streamGguf} from '../src/synth/write-gguf.js';
import {MIN_ROUNDS, TooFewRoundsError} from './lib/rounds.js';
import {pairedRatios, roundOrder, spread} from './lib/stats.js';
import {figureRow, fmtMb, type BenchRow} from './lib/table.js';

/** One timed write of one kind in one round. */
export interface SynthRound {
	kind: 'generate' | 'plain' | 'synth';
	round: number;
	/** Position in its round (0 = first). */
	position: number;
	bytes: number;
	/** Whole operation, s. */
	seconds: number;
	/** `plain`: the write() phase and the fdatasync, s. */
	writeSeconds?: number;
	syncSeconds?: number;
}

/** A preset written, loaded and run. */
export interface LoadCheck {
	preset: string;
	quant: string;
	bytes: number;
	writeSeconds: number;
	loadMs?: number;
	tokens?: number;
	error?: string;
}

/** Options of {@link benchSynth}. */
export interface SynthBenchOptions {
	/** Scratch directory (files are deleted after each step). */
	dir?: string;
	rounds?: number;
	/** The preset and quant timed. @default llama-3.2-1b Q4_K_M */
	preset?: string;
	quant?: string;
	/** Presets load-checked (none in quick runs). @default all */
	loadPresets?: string[];
	/** Called after each timed write. */
	onStep?: () => void;
}

/** What {@link benchSynth} measured. */
export interface SynthBenchResult {
	preset: string;
	quant: string;
	bytes: number;
	/** File system type of the scratch directory (statfs magic, hex) and its path. */
	fileSystem: {dir: string; type: string};
	rounds: SynthRound[];
	loads: LoadCheck[];
}

const CHUNK = 8 * 1024 * 1024;
const KINDS = ['generate', 'plain', 'synth'] as const;

/** A FileHandle stand-in that accepts every write at once and keeps nothing: generation without I/O. */
function nullSink(): FileHandle {
	const sink = {write: async (buffer: Uint8Array, offset = 0, length = buffer.length - offset) => ({bytesWritten: length, buffer})};
	return sink as unknown as FileHandle;
}

async function plainWrite(path: string, bytes: number): Promise<{writeSeconds: number; syncSeconds: number}> {
	const chunk = new Uint8Array(CHUNK);
	const file = await open(path, 'w');
	try {
		const start = performance.now();
		const inFlight: Promise<unknown>[] = [];
		for (let position = 0; position < bytes; position += CHUNK) {
			if (inFlight.length === 3) await inFlight.shift();
			inFlight.push(file.write(chunk, 0, Math.min(CHUNK, bytes - position), position));
		}
		await Promise.all(inFlight);
		const written = performance.now();
		await file.datasync();
		return {writeSeconds: (written - start) / 1000, syncSeconds: (performance.now() - written) / 1000};
	} finally {
		await file.close();
	}
}

async function timeKind(
	kind: (typeof KINDS)[number],
	dir: string,
	preset: string,
	quant: string,
	bytes: number,
): Promise<Omit<SynthRound, 'round' | 'position'>> {
	const path = join(dir, `${kind}.bin`);
	const start = performance.now();
	try {
		switch (kind) {
			case 'generate': {
				const plan = planPreset(preset, quant);
				await streamGguf(nullSink(), plan.layout, {seed: plan.seed});
				return {kind, bytes, seconds: (performance.now() - start) / 1000};
			}
			case 'plain': {
				const {writeSeconds, syncSeconds} = await plainWrite(path, bytes);
				return {kind, bytes, seconds: writeSeconds + syncSeconds, writeSeconds, syncSeconds};
			}
			case 'synth':
				await writeSyntheticModel({preset, quant, out: path});
				return {kind, bytes, seconds: (performance.now() - start) / 1000};
			default:
				return kind satisfies never;
		}
	} finally {
		await rm(path, {force: true});
	}
}

function smallestQuant(preset: {name: string; quants: string[]}): string {
	return [...preset.quants].sort((a, b) => estimateFileSize(preset.name, a) - estimateFileSize(preset.name, b))[0]!;
}

async function loadCheck(dir: string, preset: string, quant: string): Promise<LoadCheck> {
	const out = join(dir, `${preset}-${quant}.gguf`);
	const start = performance.now();
	const written = await writeSyntheticModel({preset, quant, out});
	const row: LoadCheck = {preset, quant, bytes: written.bytes, writeSeconds: (performance.now() - start) / 1000};
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

/** Runs the rotated rounds, then the load checks (see the file comment). */
export async function benchSynth(options: SynthBenchOptions = {}): Promise<SynthBenchResult> {
	const rounds = options.rounds ?? MIN_ROUNDS;
	if (!(rounds >= MIN_ROUNDS)) throw new TooFewRoundsError(rounds);
	const preset = options.preset ?? 'llama-3.2-1b';
	const quant = options.quant ?? 'Q4_K_M';
	const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'llmtop-bench-synth-')));
	const bytes = planPreset(preset, quant).layout.totalBytes;
	const timed: SynthRound[] = [];
	const loads: LoadCheck[] = [];
	try {
		for (let round = 0; round < rounds; round++) {
			const order = roundOrder(KINDS, round);
			for (const [position, kind] of order.entries()) {
				timed.push({...(await timeKind(kind, dir, preset, quant, bytes)), round, position});
				options.onStep?.();
			}
		}
		const wanted = new Set(options.loadPresets ?? listPresets().map((p) => p.name));
		for (const p of listPresets().filter((p) => wanted.has(p.name))) loads.push(await loadCheck(dir, p.name, smallestQuant(p)));
	} finally {
		if (options.dir === undefined) await rm(dir, {recursive: true, force: true});
	}
	return {preset, quant, bytes, fileSystem: {dir, type: fileSystemType(dir)}, rounds: timed, loads};
}

function fileSystemType(dir: string): string {
	try {
		const type = statfsSync(dir).type;
		return type === 0x01021994 ? 'tmpfs' : type === 0xef53 ? 'ext2/3/4' : `0x${type.toString(16)}`;
	} catch {
		return 'unknown';
	}
}

/** MB/s (10^6 bytes) of each round of one kind, in round order; `pick` chooses the timed part. */
export function throughputs(
	result: SynthBenchResult,
	kind: SynthRound['kind'],
	pick: (r: SynthRound) => number | undefined = (r) => r.seconds,
): (number | null)[] {
	const byRound: (number | null)[] = [];
	for (const r of result.rounds.filter((x) => x.kind === kind)) {
		const seconds = pick(r);
		byRound[r.round] = seconds === undefined || !(seconds > 0) ? null : r.bytes / 1e6 / seconds;
	}
	return byRound;
}

/** The benchmark table's rows of a {@link benchSynth} result. */
export function synthRows(result: SynthBenchResult): BenchRow[] {
	const n = new Set(result.rounds.map((r) => r.round)).size;
	const s = `synthetic model writing: ${result.preset} ${result.quant} (${fmtMb(result.bytes)} MB), ${n} rotated rounds; scratch on ${result.fileSystem.type} (MB = 10^6 bytes)`;
	const generate = throughputs(result, 'generate');
	const pageCache = throughputs(result, 'plain', (r) => r.writeSeconds);
	const plainSynced = throughputs(result, 'plain');
	const synth = throughputs(result, 'synth');
	const syncSeconds = result.rounds.filter((r) => r.kind === 'plain').map((r) => r.syncSeconds ?? null);
	const rows: BenchRow[] = [
		figureRow(s, 'generation alone MB/s (streamGguf into a sink that writes nothing)', spread(generate), {digits: 0}),
		figureRow(s, 'page-cache write throughput MB/s (write() of zeros, same pattern, before fdatasync)', spread(pageCache), {digits: 0}),
		figureRow(s, 'fdatasync after that write, s (dirty pages flushed to the disk)', spread(syncSeconds), {digits: 2}),
		figureRow(s, 'plain write + fdatasync MB/s', spread(plainSynced), {digits: 0}),
		figureRow(s, 'synth writer end to end MB/s (generate + write + fdatasync + rename)', spread(synth), {digits: 0, target: {op: '>=', value: 200}}),
		figureRow(s, 'synth writer / plain write + fdatasync (paired per round)', spread(pairedRatios(synth, plainSynced)), {digits: 2}),
	];
	if (result.loads.length > 0) {
		const loaded = result.loads.filter((row) => row.error === undefined && (row.tokens ?? 0) > 0);
		rows.push(
			figureRow(s, 'presets that load and generate (smallest quant)', spread([loaded.length]), {
				digits: 0,
				target: {op: '>=', value: result.loads.length},
				note: result.loads
					.map(
						(row) =>
							`${row.preset} ${row.quant} ${fmtMb(row.bytes)} MB load ${row.loadMs === undefined ? `failed: ${row.error}` : `${(row.loadMs / 1000).toFixed(1)} s`}`,
					)
					.join('; '),
			}),
		);
	}
	return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const {values} = parseArgs({options: {rounds: {type: 'string'}, preset: {type: 'string'}, quant: {type: 'string'}, json: {type: 'boolean', default: false}}});
	const result = await benchSynth({
		rounds: Number(values.rounds ?? MIN_ROUNDS),
		...(values.preset ? {preset: values.preset} : {}),
		...(values.quant ? {quant: values.quant} : {}),
		loadPresets: [],
	});
	for (const row of synthRows(result)) console.log(`${row.figure}: ${row.value} (${row.spread})`);
	if (values.json) console.log(JSON.stringify(result, null, 2));
}
