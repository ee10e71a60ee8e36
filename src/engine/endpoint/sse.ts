/** One server-sent event: its `data` lines joined by newlines (`event` name when given). */
export interface SseEvent {
	data: string;
	event?: string;
}

/**
 * An incremental parser of a `text/event-stream` body (WHATWG HTML "server-sent
 * events"): feed it text as it arrives and it returns the events completed by
 * that text. Lines end with LF, CRLF or CR; a blank line ends an event;
 * comment lines (`:`) and `id`/`retry` fields are ignored. Bounded: a line
 * longer than `maxLineChars` throws (a hostile server cannot grow memory).
 */
export class SseParser {
	#buffer = '';
	#data: string[] = [];
	#event: string | undefined;
	#pendingCr = false;

	constructor(readonly maxLineChars = 4 * 1024 * 1024) {}

	/** Parses `text`; returns the events it completed (often none or one). */
	feed(text: string): SseEvent[] {
		const out: SseEvent[] = [];
		if (this.#pendingCr && text.startsWith('\n')) text = text.slice(1);
		this.#pendingCr = false;
		let buffer = this.#buffer + text;
		let start = 0;
		for (let i = 0; i < buffer.length; i++) {
			const c = buffer.charCodeAt(i);
			if (c !== 10 && c !== 13) continue;
			this.#line(buffer.slice(start, i), out);
			if (c === 13) {
				if (i + 1 < buffer.length) {
					if (buffer.charCodeAt(i + 1) === 10) i++;
				} else {
					this.#pendingCr = true;
				}
			}
			start = i + 1;
		}
		buffer = buffer.slice(start);
		if (buffer.length > this.maxLineChars) throw new RangeError(`an event-stream line is longer than ${this.maxLineChars} characters`);
		this.#buffer = buffer;
		return out;
	}

	/** The end of the stream: an unterminated event is dropped, as the spec says. */
	end(): void {
		this.#buffer = '';
		this.#data = [];
		this.#event = undefined;
	}

	#line(line: string, out: SseEvent[]): void {
		if (line === '') {
			if (this.#data.length > 0) out.push({data: this.#data.join('\n'), ...(this.#event === undefined ? {} : {event: this.#event})});
			this.#data = [];
			this.#event = undefined;
			return;
		}
		if (line.startsWith(':')) return;
		const colon = line.indexOf(':');
		const field = colon < 0 ? line : line.slice(0, colon);
		let value = colon < 0 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		if (field === 'data') this.#data.push(value);
		else if (field === 'event') this.#event = value;
	}
}
