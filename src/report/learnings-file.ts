import {appendFileSync, readFileSync} from 'node:fs';
import {LEARNINGS_TITLE, learningsEntry, type LearningsOptions} from './learnings.js';

/**
 * Appends the experiment-log entry of `report` to the Markdown file `path`
 * (`llmtop learnings`, `run --learnings`). A missing or empty file is
 * created with a title; the entry is separated from what is there by a
 * blank line. Returns the entry written.
 */
export function appendLearnings(report: Parameters<typeof learningsEntry>[0], path: string, options: LearningsOptions = {}): string {
	const existing = readExisting(path);
	const entry = learningsEntry(report, options);
	const lead = existing.trim() === '' ? `${LEARNINGS_TITLE}\n\n` : existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
	appendFileSync(path, `${lead}${entry}`);
	return entry;
}

function readExisting(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
		throw error;
	}
}
