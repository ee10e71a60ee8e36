import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {ROOT} from './helpers.js';

/** True when tmux runs here (CI installs it). */
export {HAS_TMUX as hasTmux} from '../setup/skip.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A private tmux server (its own socket) for driving the real `llmtop` in a
 * terminal: start a command in a 120x36 pane, send keys, capture the pane,
 * wait for what it shows, read the command's exit code.
 */
export class Tmux {
	readonly #socket: string;

	constructor(name: string) {
		this.#socket = `${name}-${process.pid}`;
	}

	/** Runs a tmux command on this server; throws with tmux's message when it fails. */
	run(...args: string[]): string {
		const result = spawnSync('tmux', ['-L', this.#socket, ...args], {encoding: 'utf8'});
		if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
		return result.stdout;
	}

	/**
	 * Starts `command` (from the repository root, with `env` assignments before
	 * it) in a new session of `size` (default 120x36); its exit code goes to `exitFile`. The pane is
	 * a user's terminal: CI variables (which CI itself sets, and under which
	 * llmtop prints lines, see src/cli/view.ts) are unset unless `env` sets them.
	 */
	start(session: string, command: string, exitFile: string, env = '', size: {columns: number; rows: number} = {columns: 120, rows: 36}): void {
		const shell = `cd ${JSON.stringify(ROOT)} && unset CI CONTINUOUS_INTEGRATION && ${env} ${command}; echo EXIT=$? > ${JSON.stringify(exitFile)}; echo DONE; sleep 600`;
		this.run('new-session', '-d', '-s', session, '-x', String(size.columns), '-y', String(size.rows), shell);
	}

	/** The visible pane of `session`, as text. */
	capture(session: string): string {
		return this.run('capture-pane', '-p', '-t', session);
	}

	/** Appends everything the program in `session` writes to its terminal to `file` from now on, until {@link unpipe}. */
	pipe(session: string, file: string): void {
		this.run('pipe-pane', '-O', '-t', session, `cat >> ${JSON.stringify(file)}`);
	}

	/** Stops {@link pipe}. */
	unpipe(session: string): void {
		this.run('pipe-pane', '-t', session);
	}

	/** Sends keys to `session` (tmux key names; `-l` first for literal text). */
	keys(session: string, ...keys: string[]): void {
		this.run('send-keys', '-t', session, ...keys);
	}

	/** Polls the pane until `test` holds; throws with the last pane after `timeoutMs`. */
	async waitFor(session: string, what: string, test: (pane: string) => boolean, timeoutMs = 60_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let pane = '';
		while (Date.now() < deadline) {
			pane = this.capture(session);
			if (test(pane)) return pane;
			await sleep(200);
		}
		throw new Error(`timed out waiting for ${what}; pane:\n${pane}`);
	}

	/** Whether the terminal is back to normal: alternate screen off, cursor shown (`0 1`). */
	terminalState(session: string): string {
		return this.run('display-message', '-p', '-t', session, '#{alternate_on} #{cursor_flag}').trim();
	}

	kill(): void {
		spawnSync('tmux', ['-L', this.#socket, 'kill-server']);
	}
}

/** Waits for the exit code `Tmux.start` writes. */
export async function exitCodeOf(exitFile: string, timeoutMs = 60_000): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const match = existsSync(exitFile) ? /EXIT=(\d+)/.exec(readFileSync(exitFile, 'utf8')) : null;
		if (match) return Number(match[1]);
		await sleep(200);
	}
	throw new Error('llmtop did not exit');
}

export {sleep};
