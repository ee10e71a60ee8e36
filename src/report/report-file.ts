import {writeFileAtomic} from '../files/atomic-file.js';

/** A report as written to a file or stdout: tab-indented JSON and a final newline. */
export function reportJson(report: object): string {
	return `${JSON.stringify(report, null, '\t')}\n`;
}

/** Writes a report to `path` atomically (temp file + rename). */
export function writeReportFile(path: string, report: object): void {
	writeFileAtomic(path, reportJson(report));
}
