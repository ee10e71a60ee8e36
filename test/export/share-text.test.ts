import {describe, expect, it} from 'vitest';
import {compareReports} from '../../src/report/compare.js';
import type {CriterionReport} from '../../src/report/types.js';
import {criterionRows, formatMargin, judgedOf, marginOf, sharedVerdict} from '../../src/export/criteria-rows.js';
import {escapeHtml, escapeMarkdown, escapeXml, jsonForScript} from '../../src/export/escape.js';
import {renderCompareHtml} from '../../src/export/html-compare.js';
import {renderHtmlReport} from '../../src/export/html.js';
import {renderCompareJunit, renderJunit} from '../../src/export/junit.js';
import {hostAlias, redactRef, redactReport, scrubPaths} from '../../src/export/redact.js';
import {renderCompareSummaryMarkdown, renderSummaryMarkdown} from '../../src/export/summary-md.js';
import {fixtureReport} from '../report/fixture-report.js';
import {hostileReport} from './hostile-report.js';

const criterion = (over: Partial<CriterionReport>): CriterionReport => ({
	id: 'idle-cpu',
	label: 'idle CPU mean',
	op: '<=',
	threshold: 2,
	unit: '%',
	enabled: true,
	value: 1,
	status: 'pass',
	reason: null,
	...over,
});

describe('escaping', () => {
	it.each([
		{name: 'html', fn: escapeHtml, input: `<a href="x">'&'</a>`, expected: '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'},
		{name: 'xml drops forbidden control characters', fn: escapeXml, input: 'a\u0001b<', expected: 'a\uFFFDb&lt;'},
		{name: 'markdown: pipes, emphasis, newlines, html', fn: escapeMarkdown, input: 'a|b *c*\n<d>', expected: 'a\\|b \\*c\\* &lt;d&gt;'},
		{name: 'json for a script block', fn: jsonForScript, input: '</script>\u2028&', expected: '"\\u003c/script\\u003e\\u2028\\u0026"'},
	])('$name', ({fn, input, expected}) => {
		expect(fn(input)).toBe(expected);
	});
});

describe('criterion rows', () => {
	it.each([
		{op: '<=', value: 1, threshold: 2, expected: 1},
		{op: '<', value: 3, threshold: 2, expected: -1},
		{op: '>=', value: 0.9, threshold: 0.8, expected: 0.9 - 0.8},
		{op: '>', value: 0.5, threshold: 0.8, expected: 0.5 - 0.8},
		{op: '<=', value: null, threshold: 2, expected: null},
		{op: '<=', value: Number.NaN, threshold: 2, expected: null},
	] as const)('margin of $value $op $threshold is $expected', ({op, value, threshold, expected}) => {
		expect(marginOf(op, value, threshold)).toBe(expected);
	});

	it.each([
		{name: 'pass', over: {}, expected: 'pass'},
		{name: 'fail', over: {status: 'fail'}, expected: 'fail'},
		{name: 'pending', over: {status: 'pending'}, expected: 'pending'},
		{name: 'disabled is by design', over: {status: 'skip', enabled: false, reason: 'disabled'}, expected: 'skip-design'},
		{
			name: 'synthetic correctness is by design',
			over: {id: 'correctness', status: 'skip', reason: 'synthetic model (random weights): ...'},
			expected: 'skip-design',
		},
		{name: 'no samples is lack of data', over: {status: 'skip', reason: 'no idle samples'}, expected: 'skip-data'},
		{name: 'no canary data is lack of data', over: {id: 'interactive-delay-p99', status: 'skip', reason: 'no canary data'}, expected: 'skip-data'},
	] as const)('judged: $name', ({over, expected}) => {
		expect(judgedOf(criterion(over as Partial<CriterionReport>))).toBe(expected);
	});

	it.each([
		['pass', 'pass'],
		['fail', 'fail'],
		['pending', 'inconclusive'],
		['inconclusive', 'inconclusive'],
	])('verdict %s is shared as %s', (verdict, expected) => {
		expect(sharedVerdict(verdict)).toBe(expected);
	});

	it('formats value, limit and margin in the unit', () => {
		const [row] = criterionRows({criteria: [criterion({value: 3.25, status: 'fail'})]});
		expect(row).toMatchObject({valueText: '3.3 %', limitText: '<= 2.0 %', marginText: '1.3 % over', judged: 'fail'});
		expect(formatMargin(500, 'ms')).toBe('500 ms to spare');
	});
});

describe('redaction', () => {
	it.each([
		['model at /home/a/m.gguf failed', 'model at [redacted] failed'],
		['see ~/x/y.yaml, line 3', 'see [redacted], line 3'],
		['ratio 2/3 and ms/token stay', 'ratio 2/3 and ms/token stay'],
		['C:\\Users\\a\\m.gguf', '[redacted]'],
	])('scrubs paths from %j', (input, expected) => {
		expect(scrubPaths(input)).toBe(expected);
	});

	it.each([
		['/home/a/m.gguf', 'm.gguf'],
		['synthetic:tiny:Q8_0', 'synthetic:tiny:Q8_0'],
		['hf:user/repo:Q4_K_M', 'hf:user/repo:Q4_K_M'],
		['C:\\m\\x.gguf', 'x.gguf'],
	])('ref %s is shared as %s', (input, expected) => {
		expect(redactRef(input)).toBe(expected);
	});

	it('host aliases are stable, distinct and do not contain the name', () => {
		expect(hostAlias('alice-laptop')).toBe(hostAlias('alice-laptop'));
		expect(hostAlias('alice-laptop')).not.toBe(hostAlias('bob-laptop'));
		expect(hostAlias('alice-laptop')).toMatch(/^host-[0-9a-f]{10}$/);
	});

	it('leaves out answers, check texts and paths; keeps every figure; does not change its input', () => {
		const report = hostileReport();
		const redacted = redactReport(report);
		const text = JSON.stringify(redacted);
		expect(text).not.toContain('Paris');
		expect(text).not.toContain('/home/alice');
		expect(text).not.toContain('/work/main');
		expect(redacted.metrics).toEqual(report.metrics);
		expect(redacted.criteria.map((c) => c.value)).toEqual(report.criteria.map((c) => c.value));
		expect(report.prompts[0]?.response).toContain('Paris');
	});
});

describe('HTML report (as text)', () => {
	const report = hostileReport();

	it('escapes every hostile string and inlines uPlot; requests nothing', () => {
		const html = renderHtmlReport(report);
		expect(html).not.toContain('<script>window.__pwned');
		expect(html).not.toContain('<img src=x');
		expect(html).not.toContain('<b onclick');
		expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;model');
		expect(html).toContain('uPlot');
		expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
		expect(html.match(/<script>/g)?.length).toBe(2);
		expect(html).toContain("default-src 'none'");
	});

	it('--redact leaves out answers, prompts texts and paths', () => {
		const html = renderHtmlReport(report, {redact: true});
		expect(html).not.toContain('Paris');
		expect(html).not.toContain('alice');
		expect(html).not.toContain('/work/main');
		expect(html).toContain('Redacted');
	});

	it('a report without a timeline still renders, saying why it has no charts', () => {
		const {timeline: _unused, ...old} = report;
		expect(renderHtmlReport(old)).toContain('no timeline');
	});

	it('compare overlays runs and lists regressions first', () => {
		const base = fixtureReport('base');
		const regressed = fixtureReport('regressed');
		const comparison = compareReports([
			{name: 'base.json', report: base},
			{name: '<i>regressed</i>.json', report: regressed},
		]);
		expect(comparison.regressions.length).toBeGreaterThan(0);
		const html = renderCompareHtml(comparison, [base, regressed]);
		expect(html.indexOf('id="regressions"')).toBeLessThan(html.indexOf('<h2>Criteria'));
		expect(html).toContain('&lt;i&gt;regressed&lt;/i&gt;.json');
		expect(html).not.toContain('<i>regressed');
	});
});

describe('JUnit and Markdown', () => {
	const report = hostileReport();

	it('one test case per criterion plus the verdict; failures carry value, limit and margin; skip by design is skipped', () => {
		const xml = renderJunit([{name: 'run.json', report}]);
		expect(xml.match(/<testcase /g)?.length).toBe(report.criteria.length + 1);
		const correctness = report.criteria.find((c) => c.id === 'correctness');
		expect(correctness?.status).toBe('skip');
		expect(xml).toMatch(/<testcase name="correctness: correctness mean"[^>]*>\s*<skipped message="synthetic model/);
		for (const c of report.criteria.filter((c) => c.status === 'fail')) {
			expect(xml).toMatch(new RegExp(`<failure message="${c.id} failed: value [^"]+, limit [^"]+, margin [^"]+ over" type="fail"`));
		}
		expect(xml).not.toContain('<script');
	});

	it('an inconclusive verdict and a skip for lack of data are failing cases', () => {
		const inconclusive = {
			...report,
			verdict: 'pending' as const,
			criteria: report.criteria.map((c) => (c.id === 'idle-cpu' ? {...c, status: 'skip' as const, reason: 'no idle samples'} : c)),
		};
		const xml = renderJunit([{name: 'run.json', report: inconclusive}]);
		expect(xml).toMatch(/<testcase name="verdict"[^>]*>\s*<failure message="verdict inconclusive" type="inconclusive"/);
		expect(xml).toMatch(/<testcase name="idle-cpu: idle CPU mean"[^>]*>\s*<failure message="idle-cpu lacked data: value [^"]+, limit &lt;= 2.0 %/);
	});

	it('--redact: JUnit names no path, no answer and no check text', () => {
		const xml = renderJunit([{name: '/home/alice/run.json', report}], {redact: true});
		expect(xml).not.toContain('alice');
		expect(xml).not.toContain('Paris');
		expect(xml).toContain('name="run.json"');
	});

	it('a passing verdict is a passing case', () => {
		const passing = {...report, verdict: 'pass' as const, criteria: report.criteria.map((c) => ({...c, status: 'pass' as const}))};
		expect(renderJunit([{name: 'run.json', report: passing}])).toMatch(/<testcase name="verdict" classname="llmtop.verdict" time="0"\/>/);
	});

	it('compare: failing cases for the regressions', () => {
		const comparison = compareReports([
			{name: 'base.json', report: fixtureReport('base')},
			{name: 'regressed.json', report: fixtureReport('regressed')},
		]);
		const xml = renderCompareJunit(comparison);
		expect(xml.match(/<failure /g)?.length).toBe(new Set(comparison.regressions.map((r) => `${r.kind}:${r.id}`)).size);
		const md = renderCompareSummaryMarkdown(comparison);
		expect(md).toContain(`${comparison.regressions.length} regression`);
	});

	it('Markdown summary: verdict, criteria with margins, escaped names; redacted names', () => {
		const md = renderSummaryMarkdown([{name: '/home/alice/run.json', report}]);
		expect(md).toContain('### llmtop:');
		expect(md).toContain('&lt;script&gt;');
		expect(md).not.toContain('<script');
		expect(md.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| criterion')).length).toBe(report.criteria.length);
		const redacted = renderSummaryMarkdown([{name: '/home/alice/run.json', report}], {redact: true});
		expect(redacted).not.toContain('alice');
	});
});
