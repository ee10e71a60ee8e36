import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import type {Size} from '../layout.js';

/** Size assumed when the stream does not say (not a TTY). */
export const FALLBACK_SIZE: Size = {columns: 80, rows: 24};

/** Reads a stream's size, with {@link FALLBACK_SIZE} for what it does not report. */
export function sizeOf(stream: {columns?: number; rows?: number}): Size {
	return {columns: stream.columns || FALLBACK_SIZE.columns, rows: stream.rows || FALLBACK_SIZE.rows};
}

/** The terminal size of Ink's stdout, updated on `resize`. */
export function useTerminalSize(): Size {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const onResize = () => {
			const next = sizeOf(stdout);
			setSize(previous => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
