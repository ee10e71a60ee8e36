import {EventEmitter} from 'node:events';
import {render} from 'ink';
import type {ReactElement} from 'react';
import {PLAIN_THEME, ThemeContext, type Theme} from '../../src/ui/theme.js';

/** A fake terminal of a given size that keeps the last frame Ink wrote. */
export class FakeStdout extends EventEmitter {
	columns: number;
	rows: number;
	isTTY = false;
	frames: string[] = [];
	constructor(columns: number, rows: number) {
		super();
		this.columns = columns;
		this.rows = rows;
	}
	write = (frame: string): boolean => {
		this.frames.push(frame);
		return true;
	};
	lastFrame(): string {
		return this.frames.at(-1) ?? '';
	}
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

/** A fake stdin that Ink reads keys from. */
export class FakeStdin extends EventEmitter {
	isTTY = true;
	#data: string | null = null;
	write(data: string): void {
		this.#data = data;
		this.emit('readable');
		this.emit('data', data);
	}
	read = (): string | null => {
		const data = this.#data;
		this.#data = null;
		return data;
	};
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

/** Renders `node` in a `columns` x `rows` fake terminal (plain theme unless given). */
export function renderAt(node: ReactElement, columns: number, rows: number, theme: Theme = PLAIN_THEME) {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const instance = render(<ThemeContext.Provider value={theme}>{node}</ThemeContext.Provider>, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return {stdout, stdin, instance, lastFrame: () => stdout.lastFrame()};
}

/** Removes ANSI escape sequences. */
export function stripAnsi(text: string): string {
	return text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
}
