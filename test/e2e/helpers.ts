import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import {expect} from 'vitest';
import {readEventsFile} from '../../src/report/events-file.js';
import type {Report} from '../../src/report/types.js';
import type {RunEvent} from '../../src/run/events.js';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built CLI (`npm test` builds it first). */
export const CLI = join(ROOT, 'dist', 'src', 'cli.js');

/** A cache for synthetic models shared by the end-to-end tests (kept between runs: files are keyed by writer version). */
export const CACHE_DIR = join(tmpdir(), 'llmtop-test-cache');
mkdirSync(CACHE_DIR, {recursive: true});

/** True when the CLI has been built. */
export const built = existsSync(CLI);

/** A fresh temporary directory. */
export function tempDir(prefix = 'llmtop-e2e-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** Environment for a CLI child: the shared model cache, no colour. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {...process.env, LLMTOP_CACHE_DIR: CACHE_DIR, NO_COLOR: '1', ...extra};
}

/** Result of running the CLI to completion. */
export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Starts the CLI with piped stdio. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = cliEnv()): ChildProcess {
	return spawn(process.execPath, [CLI, ...args], {env, stdio: ['pipe', 'pipe', 'pipe']});
}

/** Runs the CLI and collects its output. */
export function runCli(args: string[], options: {env?: NodeJS.ProcessEnv; input?: string} = {}): Promise<CliResult> {
	const child = startCli(args, options.env ?? cliEnv());
	return collect(child, options.input);
}

/** Waits for a child to exit, collecting its output. */
export function collect(child: ChildProcess, input?: string): Promise<CliResult> {
	let stdout = '';
	let stderr = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	if (input !== undefined) child.stdin?.end(input);
	else child.stdin?.end();
	return new Promise((resolvePromise) => {
		child.on('close', (code, signal) => resolvePromise({code, signal, stdout, stderr}));
	});
}

/** Resolves once `child`'s stdout has printed a line matching `pattern`. */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		let buffered = '';
		const onData = (chunk: Buffer | string): void => {
			buffered += chunk.toString();
			const line = buffered.split('\n').find((candidate) => pattern.test(candidate));
			if (line !== undefined) {
				child.stdout?.off('data', onData);
				resolvePromise(line);
			}
		};
		child.stdout?.on('data', onData);
		child.on('close', () => reject(new Error(`exited before printing ${pattern}; output so far:\n${buffered}`)));
	});
}

/** A finished run with its report and events files. */
export interface RunWithFiles {
	result: CliResult;
	report: Report;
	events: RunEvent[];
	reportPath: string;
	eventsPath: string;
}

/** Runs `llmtop ARGS --report DIR/report.json --events DIR/events.jsonl`, then reads both files. */
export async function runWithFiles(args: string[], dir: string): Promise<RunWithFiles> {
	const reportPath = join(dir, 'report.json');
	const eventsPath = join(dir, 'events.jsonl');
	const result = await runCli([...args, '--report', reportPath, '--events', eventsPath]);
	return {result, report: JSON.parse(readFileSync(reportPath, 'utf8')) as Report, events: readEventsFile(eventsPath).events, reportPath, eventsPath};
}

/** Expects `report` to validate against `schema/report.schema.json`. */
export function expectValidReport(report: Report): void {
	const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as object;
	const check = new Ajv2020.default({allErrors: true, strict: false}).compile(schema);
	expect(check(report), JSON.stringify(check.errors)).toBe(true);
}
