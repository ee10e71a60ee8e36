import type {Size} from './layout.js';

/** Size assumed when the stream does not say (not a TTY). */
export const FALLBACK_SIZE: Size = {columns: 80, rows: 24};

/** A stream's size, with {@link FALLBACK_SIZE} for what it does not report. */
export function sizeOf(stream: {columns?: number; rows?: number}): Size {
	return {columns: stream.columns || FALLBACK_SIZE.columns, rows: stream.rows || FALLBACK_SIZE.rows};
}
