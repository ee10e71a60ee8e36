/**
 * Runs the real `llmtop run` with its dashboard in a 120x36 pseudo-terminal
 * (a detached tmux pane on a private server, or `script` when tmux is
 * missing), waits for the report, presses `q` to leave the finished
 * dashboard, and reads the report back.
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import {readReport} from '../../src/report/read-report.js';
import {trackChild} from './lifecycle.js';
import {CLI, isMeasured, ROOT, runFiles, type CliRunOptions, type CliRunResult} from './cli-run.js';

/** Which pseudo-terminal is available: `tmux`, `script`, or `null`. */
export function ptyTool(): 'tmux' | 'script' | null {
	if (spawnSync('tmux', ['-V']).status === 0) return 'tmux';
	if (spawnSync('script', ['--version']).status === 0) return 'script';
	return null;
}

const COLUMNS = 120;
const ROWS = 36;

/** Runs `llmtop run ...` with the dashboard in a pseudo-terminal; rejects when it did not finish a measurement. */
export async function runInTerminal(options: CliRunOptions): Promise<CliRunResult> {
	const tool = ptyTool();
	if (!tool) throw new Error('no pseudo-terminal: install tmux (or util-linux script)');
	const {reportPath, eventsPath} = runFiles(options.dir, options.name);
	const exitPath = join(options.dir, `${options.name}.exit`);
	const env = Object.entries(options.env ?? {})
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${key}=${quote(value!)}`)
		.join(' ');
	// The pane is a user's terminal: under CI variables llmtop prints lines instead (src/cli/view.ts).
	const command = `cd ${quote(ROOT)} && env -u CI -u CONTINUOUS_INTEGRATION ${env} ${quote(process.execPath)} ${quote(CLI)} run ${options.args.map(quote).join(' ')} --report ${quote(reportPath)} --events ${quote(eventsPath)}; echo EXIT=$? > ${quote(exitPath)}`;
	const start = performance.now();
	const session = tool === 'tmux' ? startTmux(options.name, command) : startScript(command);
	try {
		const deadline = Date.now() + (options.timeoutMs ?? 300_000);
		while (!existsSync(reportPath) && !existsSync(exitPath)) {
			if (Date.now() > deadline) throw new Error(`${options.name}: no report after ${options.timeoutMs ?? 300_000} ms`);
			await sleep(200);
		}
		const wallMs = performance.now() - start;
		await sleep(300);
		session.press('q');
		while (!existsSync(exitPath) || !/EXIT=\d+/.test(readFileSync(exitPath, 'utf8'))) {
			if (Date.now() > deadline) throw new Error(`${options.name}: the dashboard did not exit after q`);
			await sleep(100);
		}
		const exitCode = Number(/EXIT=(\d+)/.exec(readFileSync(exitPath, 'utf8'))![1]);
		if (!isMeasured(exitCode)) throw new Error(`llmtop ${options.name} (dashboard) exited ${exitCode}`);
		return {name: options.name, report: readReport(reportPath), reportPath, eventsPath, stdout: '', exitCode, wallMs};
	} finally {
		session.close();
	}
}

interface PtySession {
	press(key: string): void;
	close(): void;
}

function startTmux(name: string, command: string): PtySession {
	const socket = `llmtop-bench-${process.pid}`;
	const tmux = (...args: string[]): void => void spawnSync('tmux', ['-f', '/dev/null', '-L', socket, ...args]);
	const session = name.replace(/[^\w-]/g, '_');
	const started = spawnSync('tmux', ['-f', '/dev/null', '-L', socket, 'new-session', '-d', '-s', session, '-x', String(COLUMNS), '-y', String(ROWS), command]);
	if (started.status !== 0) throw new Error(`tmux new-session failed: ${started.stderr.toString().trim()}`);
	return {
		press: (key) => tmux('send-keys', '-t', session, key),
		close: () => tmux('kill-session', '-t', session),
	};
}

function startScript(command: string): PtySession {
	const child = spawn('script', ['-qfec', `stty cols ${COLUMNS} rows ${ROWS}; ${command}`, '/dev/null'], {stdio: ['pipe', 'ignore', 'ignore']});
	trackChild(child);
	return {
		press: (key) => void child.stdin.write(key),
		close: () => {
			if (child.exitCode === null) child.kill('SIGTERM');
		},
	};
}

function quote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}
