/**
 * Allocation-free parsers for the Linux `/proc` files the sampler reads each
 * tick. Each takes the bytes read (`buf`, `len`) and returns a number or
 * writes into a caller-owned object; `NaN` (or `false`) means malformed.
 */

const SPACE = 0x20;
const NEWLINE = 0x0a;
const ZERO = 0x30;
const NINE = 0x39;
const CLOSE_PAREN = 0x29;

let cursor = 0;

function skipSpaces(buf: Uint8Array, pos: number, end: number): number {
	while (pos < end && (buf[pos] === SPACE || buf[pos] === 0x09)) pos++;
	return pos;
}

/** Reads the unsigned decimal at `pos` (after blanks); leaves its end in `cursor`. NaN when none. */
export function readUint(buf: Uint8Array, pos: number, end: number): number {
	pos = skipSpaces(buf, pos, end);
	let value = 0;
	let digits = 0;
	while (pos < end) {
		const c = buf[pos]!;
		if (c < ZERO || c > NINE) break;
		value = value * 10 + (c - ZERO);
		digits++;
		pos++;
	}
	cursor = pos;
	return digits === 0 ? Number.NaN : value;
}

/** Index of the newline ending the line at `pos`, or `end`. */
export function lineEnd(buf: Uint8Array, pos: number, end: number): number {
	while (pos < end && buf[pos] !== NEWLINE) pos++;
	return pos;
}

/** Whether the bytes from `pos` (before `end`) start with the ASCII `prefix`. */
export function startsWith(buf: Uint8Array, pos: number, end: number, prefix: string): boolean {
	if (end - pos < prefix.length) return false;
	for (let i = 0; i < prefix.length; i++) {
		if (buf[pos + i] !== prefix.charCodeAt(i)) return false;
	}
	return true;
}

/** Cumulative machine CPU time, in clock ticks (`USER_HZ`) or any one unit. */
export interface SystemCpuTimes {
	/** Time not idle: user, nice, system, irq, softirq, steal. */
	busy: number;
	/** `busy` plus idle and iowait. */
	total: number;
}

/**
 * Parses the aggregate `cpu` line of `/proc/stat`
 * (`cpu  user nice system idle iowait irq softirq steal guest guest_nice`).
 * Guest time is already inside user time, so it is not added again; iowait
 * counts as idle. Kernels older than 2.6.33 print fewer columns: missing ones
 * count as 0. Returns false when the first line is not a `cpu` line.
 */
export function parseProcStatCpu(buf: Uint8Array, len: number, out: SystemCpuTimes): boolean {
	const end = lineEnd(buf, 0, len);
	if (!startsWith(buf, 0, end, 'cpu ')) return false;
	let pos = 3;
	let busy = 0;
	let idle = 0;
	for (let column = 0; column < 8; column++) {
		const value = readUint(buf, pos, end);
		if (Number.isNaN(value)) {
			if (column < 4) return false;
			break;
		}
		pos = cursor;
		if (column === 3 || column === 4) idle += value;
		else busy += value;
	}
	out.busy = busy;
	out.total = busy + idle;
	return true;
}

/** Machine memory from `/proc/meminfo`, bytes. */
export interface MemInfo {
	totalBytes: number;
	/** `MemAvailable`, or `MemFree + Buffers + Cached` on kernels before 3.14. */
	availableBytes: number;
}

/**
 * Parses `MemTotal` and `MemAvailable` (kB) from `/proc/meminfo`. Returns
 * false when `MemTotal` or every source of "available" is missing.
 */
export function parseMeminfo(buf: Uint8Array, len: number, out: MemInfo): boolean {
	let total = Number.NaN;
	let available = Number.NaN;
	let free = Number.NaN;
	let buffers = 0;
	let cached = 0;
	let pos = 0;
	while (pos < len) {
		const end = lineEnd(buf, pos, len);
		if (startsWith(buf, pos, end, 'MemTotal:')) total = readUint(buf, pos + 9, end);
		else if (startsWith(buf, pos, end, 'MemAvailable:')) available = readUint(buf, pos + 13, end);
		else if (startsWith(buf, pos, end, 'MemFree:')) free = readUint(buf, pos + 8, end);
		else if (startsWith(buf, pos, end, 'Buffers:')) buffers = readUint(buf, pos + 8, end) || 0;
		else if (startsWith(buf, pos, end, 'Cached:')) cached = readUint(buf, pos + 7, end) || 0;
		if (!Number.isNaN(total) && !Number.isNaN(available)) break;
		pos = end + 1;
	}
	if (Number.isNaN(available) && !Number.isNaN(free)) available = free + buffers + cached;
	if (Number.isNaN(total) || Number.isNaN(available)) return false;
	out.totalBytes = total * 1024;
	out.availableBytes = available * 1024;
	return true;
}

/**
 * First field of `/proc/<pid>/task/<tid>/schedstat`: time spent on a CPU,
 * nanoseconds (exact, unlike the 10 ms ticks of `stat`). NaN when malformed.
 */
export function parseSchedstatNs(buf: Uint8Array, len: number): number {
	return readUint(buf, 0, len);
}

/** Fields of `/proc/<pid>/stat` or `/proc/<pid>/task/<tid>/stat` used here. */
export interface TaskStat {
	/** User time, clock ticks (`USER_HZ`, 100 per second on Linux). */
	utimeTicks: number;
	/** System time, clock ticks. */
	stimeTicks: number;
	/** Number of threads (meaningful for a process, 1-ish for a task). */
	threads: number;
	/** Resident pages. */
	rssPages: number;
}

/**
 * Parses a `stat` line. The command name (field 2) is in parentheses and may
 * itself contain spaces and parentheses, so fields are counted from the last
 * `)`. Returns false when malformed.
 */
export function parseTaskStat(buf: Uint8Array, len: number, out: TaskStat): boolean {
	let close = -1;
	for (let i = len - 1; i >= 0; i--) {
		if (buf[i] === CLOSE_PAREN) {
			close = i;
			break;
		}
	}
	if (close < 0) return false;
	let pos = skipSpaces(buf, close + 1, len);
	if (pos >= len) return false;
	pos++;
	let utime = Number.NaN;
	let stime = Number.NaN;
	let threads = Number.NaN;
	let rss = Number.NaN;
	for (let field = 4; field <= 24; field++) {
		const value = readSignedField(buf, pos, len);
		if (Number.isNaN(value)) return false;
		pos = cursor;
		if (field === 14) utime = value;
		else if (field === 15) stime = value;
		else if (field === 20) threads = value;
		else if (field === 24) rss = value;
	}
	out.utimeTicks = utime;
	out.stimeTicks = stime;
	out.threads = threads;
	out.rssPages = rss;
	return true;
}

function readSignedField(buf: Uint8Array, pos: number, end: number): number {
	pos = skipSpaces(buf, pos, end);
	if (buf[pos] === 0x2d) {
		const value = readUint(buf, pos + 1, end);
		return Number.isNaN(value) ? value : -value;
	}
	return readUint(buf, pos, end);
}

/** Second field of `/proc/self/statm`: resident pages. NaN when malformed. */
export function parseStatmResidentPages(buf: Uint8Array, len: number): number {
	const size = readUint(buf, 0, len);
	if (Number.isNaN(size)) return size;
	return readUint(buf, cursor, len);
}
