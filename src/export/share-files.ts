/**
 * Writing the files meant to be shared (`--html`, `--junit`, `--summary-md`)
 * for runs (`run`, `replay`, `report`, and `sweep` with several runs) and
 * for comparisons. Each file is written atomically; one that cannot be
 * written does not stop the others, and the failures come back for the
 * command to print (one line each) and exit 2.
 */
import {writeFileAtomic} from '../files/atomic-file.js';
import type {Comparison} from '../report/compare-types.js';
import type {Report} from '../report/types.js';
import {renderCompareHtml} from './html-compare.js';
import {renderHtmlReport} from './html.js';
import {renderCompareJunit, renderJunit, type NamedRun} from './junit.js';
import {renderCompareSummaryMarkdown, renderSummaryMarkdown} from './summary-md.js';

/** Where to write each shared file (absent: not asked; `-`: stdout) and whether to redact. */
export interface ShareFiles {
	html?: string;
	junit?: string;
	summaryMd?: string;
	redact?: boolean;
	/** Where a file named `-` goes (the command's stdout); without it, `-` is a failure. */
	stdout?: (text: string) => void;
}

/** The flag each file comes from, for messages. */
const FLAG: Readonly<Record<'html' | 'junit' | 'summaryMd', string>> = {html: '--html', junit: '--junit', summaryMd: '--summary-md'};

/** A shared file that could not be written. */
export class ShareFileError extends Error {
	override name = 'ShareFileError';
	constructor(
		readonly flag: string,
		readonly path: string,
		readonly problem: string,
	) {
		super(`${flag} ${path}: cannot write: ${problem}`);
	}
}

/** True when any shared file is asked for. */
export function wantsShareFiles(files: ShareFiles): boolean {
	return files.html !== undefined || files.junit !== undefined || files.summaryMd !== undefined;
}

/**
 * Writes the shared files of one or more runs (a sweep passes every run;
 * the HTML of several runs overlays them, as `compare` does, without
 * regressions). Returns the files that failed.
 */
export function writeRunShareFiles(runs: readonly NamedRun[], files: ShareFiles, comparison?: Comparison): ShareFileError[] {
	const redact = files.redact === true;
	const html = (): string => {
		const only = runs[0];
		if (runs.length === 1 && only) return renderHtmlReport(only.report, {redact});
		if (!comparison) throw new Error('several runs need a comparison to share as one HTML file');
		return renderCompareHtml(
			comparison,
			runs.map((run) => run.report),
			{redact},
		);
	};
	return writeAll(files, {html, junit: () => renderJunit(runs, {redact}), summaryMd: () => renderSummaryMarkdown(runs, {redact})});
}

/** Writes the shared files of a comparison (`compare A B … --html/--junit/--summary-md`). Returns the files that failed. */
export function writeCompareShareFiles(comparison: Comparison, reports: readonly Report[], files: ShareFiles): ShareFileError[] {
	const redact = files.redact === true;
	return writeAll(files, {
		html: () => renderCompareHtml(comparison, reports, {redact}),
		junit: () => renderCompareJunit(comparison, {redact}),
		summaryMd: () => renderCompareSummaryMarkdown(comparison, {redact}),
	});
}

function writeAll(files: ShareFiles, render: Record<keyof typeof FLAG, () => string>): ShareFileError[] {
	const failures: ShareFileError[] = [];
	for (const key of Object.keys(FLAG) as (keyof typeof FLAG)[]) {
		const path = files[key];
		if (path === undefined) continue;
		try {
			if (path === '-') {
				if (!files.stdout) throw new Error('cannot go to stdout here; give a file');
				files.stdout(render[key]().trimEnd());
				continue;
			}
			writeFileAtomic(path, render[key]());
		} catch (error) {
			const problem = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
			failures.push(new ShareFileError(FLAG[key], path, describe(problem)));
		}
	}
	return failures;
}

function describe(code: string): string {
	switch (code) {
		case 'ENOENT':
			return 'its folder does not exist';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'it is a folder';
		case 'ENOTDIR':
			return 'a part of the path is not a folder';
		case 'EROFS':
			return 'read-only file system';
		case 'ENOSPC':
			return 'no space left on the device';
		default:
			return code;
	}
}
