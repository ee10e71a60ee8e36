import {appendFileSync} from 'node:fs';
import {FileError} from '../files/errors.js';
import {INPUT_LIMITS, readTextInput} from '../files/read-input.js';
import {sanitize} from '../run/sanitize.js';
import {LEARNINGS_TITLE, learningsEntry, type LearningsOptions} from './learnings.js';

/**
 * Appends the experiment-log entry of `report` to the Markdown file `path`
 * (`llmtop learnings`, `run --learnings`). A missing or empty file is
 * created with a title; the entry is separated from what is there by a
 * blank line. The entry goes through the sanitiser (a model name or a
 * warning from a file may hold escape sequences). The file must be a regular
 * file (a FIFO or a device is refused). Returns the entry written.
 */
export function appendLearnings(report: Parameters<typeof learningsEntry>[0], path: string, options: LearningsOptions = {}): string {
	const existing = readExisting(path);
	const entry = sanitize(learningsEntry(report, options));
	const lead = existing.trim() === '' ? `${LEARNINGS_TITLE}\n\n` : existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
	appendFileSync(path, `${lead}${entry}`);
	return entry;
}

function readExisting(path: string): string {
	try {
		return readTextInput(path, 'Markdown file', INPUT_LIMITS.markdown);
	} catch (error) {
		if (error instanceof FileError && error.code === 'ENOENT') return '';
		throw error;
	}
}
