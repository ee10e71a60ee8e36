import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {compareReports} from '../../src/report/compare.js';
import {comparisonSections} from '../../src/report/compare-view.js';
import {renderSectionsText, sectionLines} from '../../src/report/compare-text.js';
import {readReport} from '../../src/report/read-report.js';
import {CompareView} from '../../src/ui/compare/index.js';
import {COLOR_THEME} from '../../src/ui/theme.js';
import {renderAt, stripAnsi} from './render-at.js';

const fixture = (name: string) => readReport(fileURLToPath(new URL(`../fixtures/reports/${name}.json`, import.meta.url)));
const sections = comparisonSections(
	compareReports([
		{name: 'base.json', report: fixture('base')},
		{name: 'regressed.json', report: fixture('regressed')},
	]),
);

describe('CompareView', () => {
	it('shows the same lines as the plain table, with symbols and no colour in the plain theme', () => {
		const {lastFrame, instance} = renderAt(<CompareView lines={sectionLines(sections)} />, 160, 200);
		const frame = lastFrame();
		instance.unmount();
		expect(frame).not.toContain('\u001B[');
		expect(frame.split('\n').map((line) => line.trimEnd())).toEqual(renderSectionsText(sections));
	});

	it('colours regressions red and keeps their symbol', () => {
		const {lastFrame, instance} = renderAt(<CompareView lines={sectionLines(sections)} />, 160, 200, COLOR_THEME);
		const frame = lastFrame();
		instance.unmount();
		const line = frame.split('\n').find((candidate) => stripAnsi(candidate).startsWith('✗ B: E2E p95'));
		expect(line).toContain('\u001B[31m');
		expect(stripAnsi(frame)).toContain('✗ B: criterion correctness pass → fail');
	});
});
