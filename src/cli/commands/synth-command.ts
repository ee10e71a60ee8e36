import {SynthUsageError} from '../../synth/errors.js';
import {formatCountRounded, formatDecimalBytesShort} from '../../synth/format.js';
import {presetTable} from '../../synth/preset-table.js';
import {writeSyntheticModel} from '../../synth/write-model.js';
import {writeLikeModel} from '../../synth/write-like.js';
import type {WrittenModel} from '../../synth/write-plan.js';
import type {ParsedArgs} from '../args.js';
import {EXIT, SIGNAL_EXIT} from '../exit-codes.js';
import type {Io} from '../io.js';
import {startSignalHandling} from '../signals.js';

/** The options of `llmtop synth`, read from its flags. */
export interface SynthOptions {
	preset?: string;
	out?: string;
	quant?: string;
	seed?: number;
	like?: string;
	list?: boolean;
}

/**
 * `llmtop synth PRESET --out FILE [--quant Q] [--seed N] | --like FILE.gguf --out FILE | --list`.
 * Resolves 0 when written (or listed), 130/143 when SIGINT/SIGTERM interrupted
 * the write; bad usage or input throws a `SynthError` (one line, exit 2). A
 * failed or interrupted write leaves no file behind.
 */
export async function synthCommand(parsed: ParsedArgs, io: Io): Promise<number> {
	const opts = synthOptions(parsed);
	checkUsage(opts);
	if (opts.list) {
		io.out(presetTable().trimEnd());
		return EXIT.pass;
	}
	const out = opts.out!;
	const controller = new AbortController();
	const signals = startSignalHandling({
		onStop: (reason) => controller.abort(reason),
		onPipeClosed: () => undefined,
	});
	let result: WrittenModel;
	try {
		const onProgress = progressPrinter(io, out);
		const signal = controller.signal;
		result = await (opts.like === undefined
			? writeSyntheticModel({preset: opts.preset!, quant: opts.quant, seed: opts.seed, out, signal, onProgress})
			: writeLikeModel({like: opts.like, out, seed: opts.seed, signal, onProgress}));
	} catch (error) {
		if (!controller.signal.aborted) throw error;
		io.err('llmtop synth: interrupted; no file was written');
		return controller.signal.reason === 'terminated' ? SIGNAL_EXIT.SIGTERM : SIGNAL_EXIT.SIGINT;
	} finally {
		signals.stop();
	}
	io.out(summary(result, opts.like === undefined ? `synthetic ${opts.preset}` : `clone of ${opts.like}`));
	return EXIT.pass;
}

function synthOptions({flags, positionals}: ParsedArgs): SynthOptions {
	return {
		...(positionals[0] === undefined ? {} : {preset: positionals[0]}),
		...(flags['out'] === undefined ? {} : {out: flags['out'] as string}),
		...(flags['quant'] === undefined ? {} : {quant: flags['quant'] as string}),
		...(flags['seed'] === undefined ? {} : {seed: flags['seed'] as number}),
		...(flags['like'] === undefined ? {} : {like: flags['like'] as string}),
		...(flags['list'] ? {list: true} : {}),
	};
}

function checkUsage(opts: SynthOptions): void {
	if (opts.list) {
		if (opts.preset !== undefined || opts.like !== undefined || opts.out !== undefined) throw new SynthUsageError('--list takes no preset, --like or --out');
		return;
	}
	if (opts.preset !== undefined && opts.like !== undefined) throw new SynthUsageError('give a PRESET or --like FILE, not both');
	if (opts.preset === undefined && opts.like === undefined) throw new SynthUsageError('missing PRESET (or --like FILE, or --list)');
	if (opts.out === undefined || opts.out === '') throw new SynthUsageError('missing --out FILE');
	if (opts.like !== undefined && opts.quant !== undefined)
		throw new SynthUsageError('--quant does not apply to --like (a clone keeps the source quantization)');
}

/** `writing FILE 42%` rewritten in place on a terminal's stderr; nothing elsewhere. */
function progressPrinter(io: Io, label: string): ((written: number, total: number) => void) | undefined {
	const stderr = io.stderr;
	if (!stderr?.isTTY) return undefined;
	let shown = -1;
	return (written, total) => {
		const percent = Math.floor((100 * written) / total);
		if (percent === shown) return;
		shown = percent;
		stderr.write(`\rwriting ${label} ${percent}%`);
		if (written >= total) stderr.write('\r\x1b[K');
	};
}

function summary(result: WrittenModel, what: string): string {
	return `wrote ${result.path}: ${what}, ${result.quant}, ${formatCountRounded(result.parameterCount)} parameters, ${formatDecimalBytesShort(result.bytes)} (${result.bytes} bytes)`;
}
