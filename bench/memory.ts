/**
 * Memory over a long run: the run store fed synthetic streams of `minutes`
 * of prompts and samples (see `lib/store-memory.ts`). Growth is the slope of
 * heap (after full GC) and RSS over simulated time once the store's 10-minute
 * chart retention has filled, in MB per hour of run. Two streams tell the two
 * kinds of growth apart: many short prompts (every prompt keeps a record with
 * its response for the report: growth per prompt) and few long ones without
 * token text (growth per token and per sample, which retention must bound).
 */
import type {BenchContext, SectionResult} from './lib/context.js';
import {slope, spread} from './lib/stats.js';
import {runStoreMemory, type StoreMemoryOptions, type StoreMemoryResult} from './lib/store-memory.js';
import {figureRow, fmtMb, type BenchRow} from './lib/table.js';

/** Minutes after which chart retention is full (the store's default 10 min, plus a margin). */
const STEADY_FROM_MINUTES = 15;

/** Growth of one stream. */
interface Growth {
	heapMbPerHour: number | null;
	rssMbPerHour: number | null;
	/** Heap growth per prompt, bytes. */
	heapBytesPerPrompt: number | null;
	promptsPerHour: number;
}

/** Runs both streams and returns the rows. */
export async function benchMemory(
	ctx: BenchContext,
	options: Omit<StoreMemoryOptions, 'tokensPerPrompt' | 'text'> & {shortTokens: number; longTokens: number},
): Promise<SectionResult> {
	const rows: BenchRow[] = [];
	const data: Record<string, {result: StoreMemoryResult; growth: Growth}> = {};
	for (const [kind, tokensPerPrompt] of [
		['short', options.shortTokens],
		['long', options.longTokens],
	] as const) {
		ctx.log(`memory: ${options.minutes} simulated minutes of ${tokensPerPrompt}-token prompts through the store`);
		const result = await runStoreMemory({...options, tokensPerPrompt, text: kind === 'short'});
		const growth = growthOf(result);
		data[kind] = {result, growth};
		const last = result.points.at(-1);
		const section = `memory: ${options.minutes} min of prompts and samples through the run store, slope after ${STEADY_FROM_MINUTES} min (retention full)`;
		const name = `${tokensPerPrompt}-token prompts${kind === 'long' ? ' without text' : ''} (${Math.round(growth.promptsPerHour).toLocaleString('en')} prompts/h, ${result.tokens.toLocaleString('en')} tokens, ${last?.events.toLocaleString('en')} events)`;
		rows.push(
			kind === 'long'
				? figureRow(section, `heap MB/h, ${name}`, spread([growth.heapMbPerHour]), {
						digits: 2,
						target: {op: '<=', value: 1},
						note: `heap ${fmtMb(result.points[0]?.heapUsedBytes, 1)} -> ${fmtMb(last?.heapUsedBytes, 1)} MB: growth per token and sample`,
					})
				: figureRow(section, `heap MB/h, ${name}`, spread([growth.heapMbPerHour]), {
						digits: 2,
						note: `heap ${fmtMb(result.points[0]?.heapUsedBytes, 1)} -> ${fmtMb(last?.heapUsedBytes, 1)} MB; ${((growth.heapBytesPerPrompt ?? 0) / 1000).toFixed(2)} KB per prompt record (kept for the report)`,
					}),
			figureRow(section, `RSS MB/h, ${tokensPerPrompt}-token prompts`, spread([growth.rssMbPerHour]), {
				digits: 2,
				note: `RSS ${fmtMb(result.points[0]?.rssBytes, 1)} -> ${fmtMb(last?.rssBytes, 1)} MB (V8 keeps freed pages; ${(result.wallMs / 1000).toFixed(1)} s of wall time)`,
			}),
		);
	}
	return {rows, data: {steadyFromMinutes: STEADY_FROM_MINUTES, ...data}};
}

function growthOf(result: StoreMemoryResult): Growth {
	const steady = result.points.filter((p) => p.minutes >= Math.min(STEADY_FROM_MINUTES, result.options.minutes / 2));
	const perHour = (values: number[]): number | null => {
		const perMinute = slope(
			steady.map((p) => p.minutes),
			values,
		);
		return perMinute === null ? null : (perMinute * 60) / 1e6;
	};
	const first = steady[0];
	const last = steady.at(-1);
	const promptsPerHour = first && last && last.minutes > first.minutes ? ((last.prompts - first.prompts) * 60) / (last.minutes - first.minutes) : 0;
	const heapMbPerHour = perHour(steady.map((p) => p.heapUsedBytes));
	return {
		heapMbPerHour,
		rssMbPerHour: perHour(steady.map((p) => p.rssBytes)),
		heapBytesPerPrompt: heapMbPerHour === null || promptsPerHour === 0 ? null : (heapMbPerHour * 1e6) / promptsPerHour,
		promptsPerHour,
	};
}
