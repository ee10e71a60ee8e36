/**
 * The HTML report in a real browser: Debian's chromium driven by
 * playwright-core, headless, background networking off. The page must load
 * with no console error and no request other than its own file, draw every
 * chart, show the report's numbers, and run none of the hostile strings it
 * carries. A screenshot is kept in test-artifacts/.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {chromium, type Browser, type Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {criterionRows, sharedVerdict} from '../../src/export/criteria-rows.js';
import {renderCompareHtml} from '../../src/export/html-compare.js';
import {reportCharts} from '../../src/export/html-charts.js';
import {renderHtmlReport} from '../../src/export/html.js';
import {renderJunit} from '../../src/export/junit.js';
import {compareReports} from '../../src/report/compare.js';
import {HOSTILE, hostileReport} from './hostile-report.js';
import {requireExecutable} from './required-tool.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts');

/** The little of an XML document the JUnit check reads. */
interface XmlDocument {
	getElementsByTagName(name: string): ArrayLike<{getAttribute(name: string): string | null}> & Iterable<{getAttribute(name: string): string | null}>;
	querySelector(selector: string): {getAttribute(name: string): string | null} | null;
}

interface Loaded {
	page: Page;
	consoleErrors: string[];
	foreignRequests: string[];
}

const present = requireExecutable(CHROMIUM, 'HTML report in chromium');

describe.skipIf(!present)('HTML report in headless chromium', () => {
	let browser: Browser;
	const dir = mkdtempSync(join(tmpdir(), 'llmtop-html-'));
	const report = hostileReport();

	beforeAll(async () => {
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-default-apps',
				'--disable-sync',
				'--no-first-run',
				'--disable-domain-reliability',
				'--metrics-recording-only',
			],
		});
	});

	afterAll(async () => {
		await browser?.close();
		rmSync(dir, {recursive: true, force: true});
	});

	async function open(name: string, html: string): Promise<Loaded> {
		const file = join(dir, name);
		writeFileSync(file, html);
		const page = await browser.newPage({viewport: {width: 1200, height: 900}});
		const consoleErrors: string[] = [];
		const foreignRequests: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
		});
		page.on('pageerror', (error) => consoleErrors.push(error.message));
		await page.route('**/*', async (route) => {
			const url = route.request().url();
			if (url.startsWith('file:')) return route.continue();
			foreignRequests.push(url);
			return route.abort();
		});
		await page.goto(pathToFileURL(file).href, {waitUntil: 'load'});
		await page.waitForSelector('body[data-charts-drawn]');
		return {page, consoleErrors, foreignRequests};
	}

	/** Per canvas on the page: how many pixels are not transparent, and how many distinct colours. */
	function canvasInk(page: Page): Promise<{painted: number; colours: number; width: number}[]> {
		return page.$$eval('canvas', (canvases) =>
			canvases.map((canvas) => {
				const context = canvas.getContext('2d');
				if (!context) return {painted: 0, colours: 0, width: canvas.width};
				const {data} = context.getImageData(0, 0, canvas.width, canvas.height);
				let painted = 0;
				const colours = new Set<number>();
				for (let i = 0; i < data.length; i += 4) {
					if ((data[i + 3] as number) === 0) continue;
					painted++;
					colours.add(((data[i] as number) << 16) | ((data[i + 1] as number) << 8) | (data[i + 2] as number));
				}
				return {painted, colours: colours.size, width: canvas.width};
			}),
		);
	}

	it("a run report: no console error, no request, every chart drawn, the report's numbers, nothing hostile runs; screenshot kept", async () => {
		const {page, consoleErrors, foreignRequests} = await open('report.html', renderHtmlReport(report));
		expect(consoleErrors).toEqual([]);
		expect(foreignRequests).toEqual([]);

		const charts = reportCharts(report);
		expect(charts.map((chart) => chart.id)).toEqual(['cpu', 'rss', 'itl', 'tokensPerSec', 'canary']);
		const ink = await canvasInk(page);
		expect(ink).toHaveLength(charts.length);
		for (const canvas of ink) {
			expect(canvas.painted).toBeGreaterThan(canvas.width * 20);
			expect(canvas.colours).toBeGreaterThan(3);
		}

		expect(await page.textContent('#verdict')).toBe(sharedVerdict(report.verdict));
		for (const row of criterionRows(report)) {
			const cells = await page.$$eval(`tr[data-criterion="${row.id}"] td`, (tds) => tds.map((td) => td.textContent));
			expect(cells.slice(1, 4)).toEqual([row.valueText, row.limitText, row.marginText]);
		}
		expect(Number(await page.textContent('#spike-count'))).toBe(report.metrics.spikes.count);
		const promptIds = await page.$$eval('table.prompts tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
		expect(promptIds).toEqual(report.prompts.map((prompt) => prompt.id));
		expect(promptIds).toContain(HOSTILE.promptId);
		const answers = await page.$$eval('pre.answer', (pres) => pres.map((pre) => pre.textContent));
		expect(answers).toEqual(report.prompts.map((prompt) => prompt.response));
		expect(await page.textContent('h1')).toContain(HOSTILE.modelName);
		expect(await page.$$eval('li.missed', (items) => items.length)).toBeGreaterThan(0);
		expect(await page.evaluate(() => (globalThis as unknown as {__pwned?: number}).__pwned)).toBeUndefined();

		mkdirSync(ARTIFACTS, {recursive: true});
		await page.screenshot({path: join(ARTIFACTS, 'html-report.png'), fullPage: true});
	});

	it("the JUnit XML of the hostile run is well-formed XML (parsed by the browser's DOMParser)", async () => {
		const page = await browser.newPage();
		const xml = renderJunit([{name: HOSTILE.path, report}]);
		const parsed = await page.evaluate((text) => {
			// The page's DOM (this file is compiled without the DOM library).
			const {DOMParser: Parser} = globalThis as unknown as {DOMParser: new () => {parseFromString(source: string, type: string): XmlDocument}};
			const doc = new Parser().parseFromString(text, 'application/xml');
			return {
				error: doc.getElementsByTagName('parsererror').length,
				cases: doc.getElementsByTagName('testcase').length,
				model: doc.querySelector('property[name="model"]')?.getAttribute('value'),
				failures: [...doc.getElementsByTagName('failure')].map((failure) => failure.getAttribute('message')),
			};
		}, xml);
		expect(parsed.error).toBe(0);
		expect(parsed.cases).toBe(report.criteria.length + 1);
		expect(parsed.model).toBe(HOSTILE.modelName);
		expect(parsed.failures.length).toBeGreaterThan(0);
		await page.close();
	});

	it('--redact: no answer, no path on the page, charts still drawn', async () => {
		const {page, consoleErrors, foreignRequests} = await open('redacted.html', renderHtmlReport(report, {redact: true}));
		expect(consoleErrors).toEqual([]);
		expect(foreignRequests).toEqual([]);
		const text = (await page.textContent('body')) ?? '';
		expect(text).not.toContain('Paris');
		expect(text).not.toContain('/home/alice');
		expect(await page.$$eval('pre.answer', (pres) => pres.length)).toBe(0);
		for (const canvas of await canvasInk(page)) expect(canvas.painted).toBeGreaterThan(canvas.width * 20);
	});

	it('compare: runs overlaid, regressions first, drawn without errors', async () => {
		const slower = structuredClone(report);
		for (const series of Object.values(slower.timeline ?? {})) series.max = series.max.map((value) => value * 1.5);
		slower.criteria = slower.criteria.map((criterion) => (criterion.id === 'rss-peak' ? {...criterion, status: 'fail'} : criterion));
		slower.metrics.cpu.active.mean = (report.metrics.cpu.active.mean ?? 1) * 3;
		const comparison = compareReports([
			{name: 'before.json', report},
			{name: 'after.json', report: slower},
		]);
		const {page, consoleErrors, foreignRequests} = await open('compare.html', renderCompareHtml(comparison, [report, slower]));
		expect(consoleErrors).toEqual([]);
		expect(foreignRequests).toEqual([]);
		const headings = await page.$$eval('h2', (nodes) => nodes.map((node) => node.textContent ?? ''));
		expect(headings[0]).toMatch(/regression/);
		const ink = await canvasInk(page);
		expect(ink.length).toBeGreaterThanOrEqual(5);
		for (const canvas of ink) expect(canvas.painted).toBeGreaterThan(canvas.width * 20);
		mkdirSync(ARTIFACTS, {recursive: true});
		await page.screenshot({path: join(ARTIFACTS, 'html-compare.png'), fullPage: true});
	});
});
