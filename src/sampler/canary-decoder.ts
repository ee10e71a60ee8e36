/** Bytes per lateness record on the canary's stdout: uint32 little-endian microseconds. */
const LATENESS_RECORD_BYTES = 4;

/**
 * Turns the canary's byte stream (uint32 LE µs per wake-up, in order, cut
 * anywhere by the pipe) into lateness values in ms. Holds at most `capacity`
 * undrained values; beyond that the oldest are dropped and counted.
 */
export class LatenessDecoder {
	/** Values dropped because nobody drained them in time. */
	dropped = 0;
	private pending: number[] = [];
	private readonly partial = new Uint8Array(LATENESS_RECORD_BYTES);
	private partialLength = 0;

	constructor(private readonly capacity = 10_000) {}

	/** Decodes one chunk; returns the values it completed (also kept for `drain`). */
	push(chunk: Uint8Array): number[] {
		const values: number[] = [];
		let pos = 0;
		while (this.partialLength > 0 && pos < chunk.length) {
			this.partial[this.partialLength++] = chunk[pos++]!;
			if (this.partialLength === LATENESS_RECORD_BYTES) {
				values.push(readUs(this.partial, 0) / 1000);
				this.partialLength = 0;
			}
		}
		for (; pos + LATENESS_RECORD_BYTES <= chunk.length; pos += LATENESS_RECORD_BYTES) values.push(readUs(chunk, pos) / 1000);
		while (pos < chunk.length) this.partial[this.partialLength++] = chunk[pos++]!;
		for (const value of values) this.pending.push(value);
		const excess = this.pending.length - this.capacity;
		if (excess > 0) {
			this.pending.splice(0, excess);
			this.dropped += excess;
		}
		return values;
	}

	/** Values decoded since the previous drain, in order. */
	drain(): number[] {
		const values = this.pending;
		this.pending = [];
		return values;
	}
}

function readUs(bytes: Uint8Array, pos: number): number {
	return (bytes[pos]! | (bytes[pos + 1]! << 8) | (bytes[pos + 2]! << 16)) + bytes[pos + 3]! * 0x1000000;
}
