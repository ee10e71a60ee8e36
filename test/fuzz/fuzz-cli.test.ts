/**
 * Fuzzers (issue 14): seeded mutations of a recorded events file and of a
 * report, each run through `replay`, `compare`, `score` and `learnings` in
 * process. Every mutation must be answered by exit 0, 1, 2 or 3, and a
 * refusal (2) by exactly one stderr line naming the problem — never an
 * internal error (70), a stack trace or a hang. The counts are printed.
 * FUZZ_COUNT raises the number of mutations (default 200 each).
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {runInProcess} from '../cli/in-process.js';
import {mutateJson, mutateJsonl, prng} from './mutate.js';

const COUNT = Number(process.env['FUZZ_COUNT'] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'llmtop-fuzz-'));
const EVENTS = fileURLToPath(new URL('../fixtures/events/tiny-smoke.jsonl', import.meta.url));
const BASE = fileURLToPath(new URL('../fixtures/reports/base.json', import.meta.url));

afterAll(() => {
	if (!process.env['FUZZ_KEEP']) rmSync(dir, {recursive: true, force: true});
});

type Tally = Record<string, number>;

/** Runs one mutation; returns what is wrong with the answer (undefined when it is one of the allowed ones). */
async function answer(argv: string[], tally: Tally, label: string): Promise<string | undefined> {
	const result = await runInProcess(argv);
	tally[String(result.code)] = (tally[String(result.code)] ?? 0) + 1;
	const context = `${label}: ${argv.join(' ')} -> ${result.code}: ${result.stderr.join(' | ').slice(0, 400)}`;
	if (![0, 1, 2, 3].includes(result.code)) return context;
	if (result.stderr.some((line) => /internal error|\n\s+at |TypeError|RangeError/.test(line))) return context;
	const refusals = result.stderr.filter((line) => line.startsWith('llmtop: ') && !/dropped|more lines|replaying the|no run-end/.test(line));
	if (result.code === 2 && refusals.length !== 1) return context;
	return undefined;
}

describe('fuzzing (seeded, bounded)', () => {
	it(`${COUNT} events-file mutations through replay`, async () => {
		const text = readFileSync(EVENTS, 'utf8');
		const random = prng(14_001);
		const tally: Tally = {};
		const failures: string[] = [];
		for (let n = 0; n < COUNT; n++) {
			const path = join(dir, `e${n}.jsonl`);
			let mutated = text;
			for (let k = 1 + Math.floor(random() * 3); k > 0; k--) mutated = mutateJsonl(mutated, random);
			writeFileSync(path, mutated);
			const problem = await answer(['replay', path, '--speed', '0', '--headless', '--report', join(dir, `e${n}.json`)], tally, `events #${n}`);
			if (problem) failures.push(problem);
			else rmSync(path);
		}
		console.log(`events fuzz: ${COUNT} mutations, exit codes ${JSON.stringify(tally)}, bad answers ${failures.length}`);
		expect(failures).toEqual([]);
	}, 600_000);

	it(`${COUNT} report mutations through compare, score and learnings`, async () => {
		const base = JSON.parse(readFileSync(BASE, 'utf8')) as Parameters<typeof mutateJson>[0];
		const random = prng(14_002);
		const tally: Tally = {};
		const failures: string[] = [];
		for (let n = 0; n < COUNT; n++) {
			const path = join(dir, `r${n}.json`);
			let mutated = base;
			for (let k = 1 + Math.floor(random() * 2); k > 0; k--) mutated = mutateJson(mutated, random);
			writeFileSync(path, JSON.stringify(mutated));
			const command = n % 3;
			const argv =
				command === 0
					? ['compare', BASE, path, '--headless']
					: command === 1
						? ['score', path, '--suite', 'smoke', '--out', join(dir, `s${n}.json`)]
						: ['learnings', path, join(dir, `l${n}.md`)];
			const problem = await answer(argv, tally, `report #${n}`);
			if (problem) failures.push(problem);
			else rmSync(path);
		}
		console.log(`report fuzz: ${COUNT} mutations, exit codes ${JSON.stringify(tally)}, bad answers ${failures.length}`);
		expect(failures).toEqual([]);
	}, 600_000);
});
