/**
 * The bare node-llama-cpp loop (`bench/engine-bare.ts`) in its own process,
 * as llmtop runs in its own: load, then `repetitions` generations with the
 * same seed (as llmtop's `--seed` gives every prompt), printed as JSON.
 * Child entry: `node dist/bench/lib/bare-run.js '<BareChildOptions JSON>'`.
 */
import {pathToFileURL, fileURLToPath} from 'node:url';
import {openBare, type BareBenchOptions, type BareRun} from '../engine-bare.js';
import {spawnCollect} from './spawn-collect.js';

/** Options of one bare process. */
export type BareChildOptions = BareBenchOptions & {seed: number; repetitions: number};

/** What one bare process measured. */
export interface BareProcessResult {
	buildType: string;
	loadMs: number;
	runs: BareRun[];
}

/** Runs the bare loop in a child process. */
export async function runBare(options: BareChildOptions): Promise<BareProcessResult> {
	const {code, stdout, stderr} = await spawnCollect(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(options)], process.env, 300_000);
	if (code !== 0) throw new Error(`bare loop exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
	return JSON.parse(stdout) as BareProcessResult;
}

async function child(options: BareChildOptions): Promise<void> {
	const session = await openBare(options);
	const runs: BareRun[] = [];
	try {
		for (let i = 0; i < options.repetitions; i++) runs.push(await session.run(options.seed));
	} finally {
		await session.dispose();
	}
	const result: BareProcessResult = {buildType: session.facts.buildType, loadMs: session.facts.loadMs, runs};
	process.stdout.write(JSON.stringify(result));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	await child(JSON.parse(process.argv[2] ?? '{}') as BareChildOptions);
}
