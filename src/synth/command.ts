import {SynthError, SynthUsageError} from './errors.js';
import {formatBytes, formatCount} from './format.js';
import {presetTable} from './preset-table.js';
import {writeSyntheticModel} from './write-model.js';
import {writeLikeModel} from './write-like.js';
import type {WrittenModel} from './write-plan.js';

/** Parsed options of `llmtop synth`. */
export interface SynthCommandOptions {
	preset?: string;
	out?: string;
	quant?: string;
	seed?: number;
	like?: string;
	list?: boolean;
}

/** Where `llmtop synth` writes; `signal` lets an embedding caller cancel. */
export interface SynthCommandIo {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	signal?: AbortSignal;
}

const SIGNAL_EXIT_CODES = {SIGINT: 130, SIGTERM: 143} as const;

function checkUsage(opts: SynthCommandOptions): void {
	if (opts.list) {
		if (opts.preset !== undefined || opts.like !== undefined || opts.out !== undefined) throw new SynthUsageError('--list takes no preset, --like or --out');
		return;
	}
	if (opts.preset !== undefined && opts.like !== undefined) throw new SynthUsageError('give a PRESET or --like FILE, not both');
	if (opts.preset === undefined && opts.like === undefined) throw new SynthUsageError('missing PRESET (or --like FILE, or --list)');
	if (opts.out === undefined || opts.out === '') throw new SynthUsageError('missing --out FILE');
	if (opts.like !== undefined && opts.quant !== undefined) throw new SynthUsageError('--quant does not apply to --like (a clone keeps the source quantization)');
}

function progressPrinter(stderr: NodeJS.WritableStream, label: string): ((written: number, total: number) => void) | undefined {
	if (!(stderr as {isTTY?: boolean}).isTTY) return undefined;
	let shown = -1;
	return (written, total) => {
		const percent = Math.floor((100 * written) / total);
		if (percent === shown) return;
		shown = percent;
		stderr.write(`\rwriting ${label} ${percent}%`);
		if (written >= total) stderr.write('\r\x1b[K');
	};
}

async function withInterrupts<T>(outer: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const controller = new AbortController();
	const onSignal = (name: keyof typeof SIGNAL_EXIT_CODES): void => controller.abort(name);
	const onInt = (): void => onSignal('SIGINT');
	const onTerm = (): void => onSignal('SIGTERM');
	const onOuter = (): void => controller.abort(outer?.reason);
	process.once('SIGINT', onInt);
	process.once('SIGTERM', onTerm);
	outer?.addEventListener('abort', onOuter, {once: true});
	if (outer?.aborted) controller.abort(outer.reason);
	try {
		return await run(controller.signal);
	} finally {
		process.removeListener('SIGINT', onInt);
		process.removeListener('SIGTERM', onTerm);
		outer?.removeEventListener('abort', onOuter);
	}
}

function interruptExitCode(reason: unknown): number {
	return reason === 'SIGTERM' ? SIGNAL_EXIT_CODES.SIGTERM : SIGNAL_EXIT_CODES.SIGINT;
}

function summary(result: WrittenModel, what: string): string {
	return `wrote ${result.path}: ${what}, ${result.quant}, ${formatCount(result.parameterCount)} parameters, ${formatBytes(result.bytes)} (${result.bytes} bytes)\n`;
}

/**
 * `llmtop synth PRESET --out FILE [--quant Q] [--seed N] | --like FILE.gguf --out FILE | --list`.
 * Returns the exit code: 0 written (or listed), 2 bad usage or input (one line
 * on stderr), 130/143 interrupted by SIGINT/SIGTERM (or `io.signal`). A failed
 * or interrupted write leaves no file behind.
 */
export async function synthCommand(opts: SynthCommandOptions, io: SynthCommandIo): Promise<number> {
	let interrupted: AbortSignal | undefined;
	try {
		checkUsage(opts);
		if (opts.list) {
			io.stdout.write(presetTable());
			return 0;
		}
		const out = opts.out!;
		const result = await withInterrupts(io.signal, (signal) => {
			interrupted = signal;
			const onProgress = progressPrinter(io.stderr, out);
			if (opts.like !== undefined) return writeLikeModel({like: opts.like, out, seed: opts.seed, signal, onProgress});
			return writeSyntheticModel({preset: opts.preset!, quant: opts.quant, seed: opts.seed, out, signal, onProgress});
		});
		io.stdout.write(summary(result, opts.like === undefined ? `synthetic ${opts.preset}` : `clone of ${opts.like}`));
		return 0;
	} catch (error) {
		if (error instanceof SynthError) {
			io.stderr.write(`llmtop synth: ${error.message}\n`);
			return 2;
		}
		if (interrupted?.aborted) {
			io.stderr.write('llmtop synth: interrupted; no file was written\n');
			return interruptExitCode(interrupted.reason);
		}
		throw error;
	}
}
