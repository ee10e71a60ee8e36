import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {
	parseMeminfo,
	parseOsRelease,
	parseProcStatCpu,
	parseSchedstatNs,
	parseStatmResidentPages,
	parseTaskStat,
	type MemInfo,
	type SystemCpuTimes,
	type TaskStat,
} from '../../src/sampler/index.js';

const fixture = (name: string): Buffer => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('parseProcStatCpu', () => {
	it('reads the aggregate line of a captured /proc/stat (iowait idle, guest not added twice)', () => {
		const buf = fixture('proc-stat.txt');
		const out: SystemCpuTimes = {busy: 0, total: 0};
		expect(parseProcStatCpu(buf, buf.length, out)).toBe(true);
		// cpu  user nice system idle iowait irq softirq steal guest guest_nice
		const first = buf.toString('latin1').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
		const [user, nice, system, idle, iowait, irq, softirq, steal] = first as [number, number, number, number, number, number, number, number];
		expect(out.busy).toBe(user + nice + system + irq + softirq + steal);
		expect(out.total).toBe(out.busy + idle + iowait);
	});

	it.each([
		['old kernel, 4 columns', 'cpu  10 2 3 85\ncpu0 10 2 3 85\n', {busy: 15, total: 100}],
		['8 columns', 'cpu  1 2 3 4 5 6 7 8\n', {busy: 1 + 2 + 3 + 6 + 7 + 8, total: 36}],
	])('%s', (_name, text, expected) => {
		const out: SystemCpuTimes = {busy: 0, total: 0};
		expect(parseProcStatCpu(bytes(text), text.length, out)).toBe(true);
		expect(out).toEqual(expected);
	});

	it.each([
		['empty', ''],
		['per-cpu line first', 'cpu0 1 2 3 4\n'],
		['too few columns', 'cpu  1 2 3\n'],
		['garbage', 'intr 1 2 3\n'],
	])('rejects %s', (_name, text) => {
		expect(parseProcStatCpu(bytes(text), text.length, {busy: 0, total: 0})).toBe(false);
	});

	it('only reads the first len bytes', () => {
		const buf = bytes('cpu  1 1 1 1\nGARBAGE');
		expect(parseProcStatCpu(buf, 12, {busy: 0, total: 0})).toBe(true);
	});
});

describe('parseMeminfo', () => {
	it('reads MemTotal and MemAvailable from a captured /proc/meminfo', () => {
		const buf = fixture('meminfo.txt');
		const out: MemInfo = {totalBytes: 0, availableBytes: 0};
		expect(parseMeminfo(buf, buf.length, out)).toBe(true);
		const text = buf.toString('latin1');
		const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)![1]) * 1024;
		expect(out.totalBytes).toBe(kb('MemTotal'));
		expect(out.availableBytes).toBe(kb('MemAvailable'));
		expect(out.availableBytes).toBeLessThanOrEqual(out.totalBytes);
	});

	it('falls back to MemFree + Buffers + Cached before Linux 3.14', () => {
		const text = 'MemTotal:        1000 kB\nMemFree:          100 kB\nBuffers:           20 kB\nCached:           300 kB\nSwapCached:         0 kB\n';
		const out: MemInfo = {totalBytes: 0, availableBytes: 0};
		expect(parseMeminfo(bytes(text), text.length, out)).toBe(true);
		expect(out).toEqual({totalBytes: 1000 * 1024, availableBytes: 420 * 1024});
	});

	it('rejects content without MemTotal', () => {
		const text = 'MemFree: 100 kB\n';
		expect(parseMeminfo(bytes(text), text.length, {totalBytes: 0, availableBytes: 0})).toBe(false);
	});
});

describe('parseTaskStat', () => {
	const fresh = (): TaskStat => ({utimeTicks: -1, stimeTicks: -1, threads: -1, rssPages: -1});

	it('counts fields from the last ")" when the name has spaces and parentheses', () => {
		const buf = fixture('task-stat-weird-name.txt');
		expect(buf.toString('latin1')).toMatch(/^\d+ \(w\) \(x y\) z\) R /);
		const out = fresh();
		expect(parseTaskStat(buf, buf.length, out)).toBe(true);
		expect(out).toEqual({utimeTicks: 20, stimeTicks: 40, threads: 1, rssPages: 405});
	});

	it('reads every thread of a captured node process', () => {
		const lines = fixture('node-task-stats.txt').toString('latin1').trim().split('\n');
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) {
			const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
			const out = fresh();
			expect(parseTaskStat(bytes(line), line.length, out)).toBe(true);
			expect(out.utimeTicks).toBe(Number(fields[11]));
			expect(out.stimeTicks).toBe(Number(fields[12]));
			expect(out.threads).toBe(lines.length);
		}
	});

	it('handles negative fields (priority of a realtime task)', () => {
		const line = '42 (rt) S 1 42 42 0 -1 4194560 0 0 0 0 7 8 0 0 -51 0 1 0 100 0 0 18446744073709551615';
		const out = fresh();
		expect(parseTaskStat(bytes(line), line.length, out)).toBe(true);
		expect(out).toEqual({utimeTicks: 7, stimeTicks: 8, threads: 1, rssPages: 0});
	});

	it.each([
		['empty', ''],
		['no parenthesis', '42 node S 1 2 3'],
		['truncated', '42 (node) S 1 42 42 0 -1 4194560 0 0 0 0 7'],
	])('rejects %s', (_name, text) => {
		expect(parseTaskStat(bytes(text), text.length, fresh())).toBe(false);
	});
});

describe('small /proc files', () => {
	it('schedstat: first field is ns on CPU', () => {
		const buf = fixture('schedstat.txt');
		expect(parseSchedstatNs(buf, buf.length)).toBe(Number(buf.toString('latin1').split(' ')[0]));
		expect(parseSchedstatNs(bytes(''), 0)).toBeNaN();
	});

	it('statm: second field is resident pages', () => {
		const buf = fixture('statm.txt');
		expect(parseStatmResidentPages(buf, buf.length)).toBe(Number(buf.toString('latin1').split(' ')[1]));
		expect(parseStatmResidentPages(bytes('123'), 3)).toBeNaN();
	});

	it('os-release: PRETTY_NAME, else NAME VERSION_ID', () => {
		expect(parseOsRelease(fixture('os-release.txt').toString('utf8'))).toBe('Debian GNU/Linux 12 (bookworm)');
		expect(parseOsRelease('NAME="Alpine Linux"\nVERSION_ID=3.20.0\n')).toBe('Alpine Linux 3.20.0');
		expect(parseOsRelease('')).toBeUndefined();
	});
});
