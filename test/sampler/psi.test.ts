import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {openPsi, parsePsi, psiSomeTotalUsFromBytes} from '../../src/sampler/index.js';
import {needsFile} from '../setup/skip.js';

const captured = fs.readFileSync(new URL('./fixtures/pressure-cpu.txt', import.meta.url), 'latin1');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llmtop-psi-test-'));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

describe('parsePsi', () => {
	it('parses captured /proc/pressure/cpu (some and full)', () => {
		const result = parsePsi(captured);
		expect(result.kind).toBe('ok');
		if (result.kind !== 'ok') return;
		const some = /^some avg10=([\d.]+) avg60=([\d.]+) avg300=([\d.]+) total=(\d+)$/m.exec(captured)!;
		expect(result.some).toEqual({avg10: Number(some[1]), avg60: Number(some[2]), avg300: Number(some[3]), totalUs: Number(some[4])});
		expect(result.full).toBeDefined();
	});

	it('accepts a kernel before 5.13 (no full line for cpu)', () => {
		expect(parsePsi('some avg10=1.50 avg60=0.25 avg300=0.00 total=123456\n')).toEqual({
			kind: 'ok',
			some: {avg10: 1.5, avg60: 0.25, avg300: 0, totalUs: 123456},
		});
	});

	it.each([
		['empty', '', /empty/],
		['only full', 'full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n', /no "some"/],
		['truncated line', 'some avg10=0.00 avg60=0.00\n', /line 1/],
		['negative total', 'some avg10=0.00 avg60=0.00 avg300=0.00 total=-5\n', /line 1/],
		['repeated some', 'some avg10=0.00 avg60=0.00 avg300=0.00 total=1\nsome avg10=0.00 avg60=0.00 avg300=0.00 total=2\n', /repeats/],
		['binary junk', '\u0000\u0001\u0002', /line 1/],
	])('names %s malformed', (_name, text, reason) => {
		const result = parsePsi(text);
		expect(result.kind).toBe('malformed');
		if (result.kind === 'malformed') expect(result.reason).toMatch(reason);
	});
});

describe('psiSomeTotalUsFromBytes', () => {
	it.each([captured, 'some avg10=1.50 avg60=0.25 avg300=0.00 total=123456\n', 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0'])(
		'agrees with parsePsi on %j',
		(text) => {
			const buf = Buffer.from(text, 'latin1');
			const parsed = parsePsi(text);
			expect(parsed.kind).toBe('ok');
			if (parsed.kind === 'ok') expect(psiSomeTotalUsFromBytes(buf, buf.length)).toBe(parsed.some.totalUs);
		},
	);

	it.each(['', 'full avg10=0.00 avg60=0.00 avg300=0.00 total=9\n', 'some avg10=0.00 total=\n', 'some total=12x\n', 'sometotal=1'])('is NaN for %j', (text) => {
		expect(psiSomeTotalUsFromBytes(Buffer.from(text, 'latin1'), text.length)).toBeNaN();
	});
});

describe('openPsi', () => {
	it('reports an absent file as unavailable, with no number', () => {
		const probe = openPsi(path.join(dir, 'no-such-file'));
		expect(probe).toMatchObject({available: false, reason: 'absent'});
		expect('source' in probe).toBe(false);
	});

	it('reports a malformed file as unavailable', () => {
		const file = path.join(dir, 'malformed');
		fs.writeFileSync(file, 'some avg10=oops\n');
		expect(openPsi(file)).toMatchObject({available: false, reason: 'malformed'});
	});

	it('reports a directory as unreadable', () => {
		expect(openPsi(dir)).toMatchObject({available: false, reason: 'unreadable'});
	});

	it('adds psiSomeTotalUs to readings from a readable file, re-read each tick', () => {
		const file = path.join(dir, 'cpu');
		fs.writeFileSync(file, 'some avg10=0.00 avg60=0.00 avg300=0.00 total=100\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n');
		const probe = openPsi(file);
		expect(probe.available).toBe(true);
		if (!probe.available) return;
		const reading = {t: 0, intervalMs: 100, cpuPct: 0, cores: 0, rssBytes: 0, peakRssBytes: 0, systemCpuPct: 0};
		probe.source.contribute(reading, 100);
		expect(reading).toMatchObject({psiSomeTotalUs: 100});
		fs.writeFileSync(file, 'some avg10=0.00 avg60=0.00 avg300=0.00 total=250\n');
		probe.source.contribute(reading, 100);
		expect(reading).toMatchObject({psiSomeTotalUs: 250});
		probe.close();
	});

	it.skipIf(needsFile('/proc/pressure/cpu', 'the kernel pressure file (PSI, Linux 4.20+ with CONFIG_PSI)'))("reads this machine's /proc/pressure/cpu", () => {
		const probe = openPsi();
		if (!probe.available) {
			expect(['disabled', 'unreadable']).toContain(probe.reason);
			return;
		}
		const total = probe.readSomeTotalUs();
		expect(Number.isFinite(total) && total >= 0).toBe(true);
		probe.close();
	});
});
