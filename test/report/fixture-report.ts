import {fileURLToPath} from 'node:url';
import {readReport} from '../../src/report/read-report.js';
import type {Report} from '../../src/report/types.js';

/** A report of `test/fixtures/reports/`, by name (`base` reads `base.json`). */
export function fixtureReport(name: string): Report {
	return readReport(fileURLToPath(new URL(`../fixtures/reports/${name}.json`, import.meta.url)));
}
