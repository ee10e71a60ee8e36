import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {compareReports} from '../../src/report/compare.js';
import {renderSectionsText, sectionLines} from '../../src/report/compare-text.js';
import {comparisonSections} from '../../src/report/compare-view.js';
import {readReport} from '../../src/report/read-report.js';

const fixture = (name: string) => readReport(fileURLToPath(new URL(`../fixtures/reports/${name}.json`, import.meta.url)));

describe('sectionLines: the comparison as toned spans for a styled view', () => {
	for (const other of ['regressed', 'improved']) {
		it(`joins to exactly the plain text (base vs ${other})`, () => {
			const sections = comparisonSections(
				compareReports([
					{name: 'base.json', report: fixture('base')},
					{name: `${other}.json`, report: fixture(other)},
				]),
			);
			const joined = sectionLines(sections).map((spans) => spans.map((span) => span.text).join(''));
			expect(joined).toEqual(renderSectionsText(sections));
		});
	}

	it('keeps the tones: titles, and a regression marked bad', () => {
		const sections = comparisonSections(
			compareReports([
				{name: 'base.json', report: fixture('base')},
				{name: 'regressed.json', report: fixture('regressed')},
			]),
		);
		const lines = sectionLines(sections);
		expect(lines[0]?.[0]?.tone).toBe('title');
		const regression = lines.flat().find((span) => span.text.startsWith('✗ B: E2E p95'));
		expect(regression?.tone).toBe('bad');
		for (const line of lines) for (const span of line) expect(span.text).not.toContain('\u001B');
	});
});
