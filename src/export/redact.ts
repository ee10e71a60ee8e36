/**
 * `--redact`: a copy of a report fit to be shared outside the machine's
 * owners. Answers, prompt-derived text (check descriptions), file paths and
 * host names are left out; every figure, criterion and the verdict stay.
 */
import {createHash} from 'node:crypto';
import type {Report} from '../report/types.js';

/** What replaces a path or a left-out text. */
export const REDACTED = '[redacted]';

const PATH_IN_TEXT = /(^|[\s'"(=:,])(~?\/[^\s'"(),]+|[A-Za-z]:\\[^\s'"(),]+)/g;

/** `text` with every absolute path (`/x`, `~/x`, `C:\x`) replaced by {@link REDACTED}. */
export function scrubPaths(text: string): string {
	return text.replace(PATH_IN_TEXT, (_match, before: string) => `${before}${REDACTED}`);
}

/** The last part of a path (a reference that is not a path, such as `synthetic:tiny` or `hf:user/repo`, is kept). */
export function redactRef(ref: string): string {
	if (/^[a-z]+:(?!\\)/i.test(ref) && !/^[A-Za-z]:\\/.test(ref)) return ref;
	const parts = ref.split(/[\\/]/);
	return parts.length > 1 ? (parts.at(-1) ?? REDACTED) : ref;
}

/** A stable stand-in for a host name: `host-` and 10 hex digits of its SHA-256, so a fleet still tells hosts apart. */
export function hostAlias(hostname: string): string {
	return `host-${createHash('sha256').update(hostname).digest('hex').slice(0, 10)}`;
}

/** A redacted deep copy of `report` (the input is not changed). */
export function redactReport(report: Report): Report {
	const copy = structuredClone(report);
	copy.model.path = REDACTED;
	copy.model.ref = redactRef(copy.model.ref);
	copy.suite.path = REDACTED;
	const host = copy.host as unknown as Record<string, unknown>;
	delete host['binaryPath'];
	delete host['systemInfo'];
	const config = copy.config as unknown as Record<string, unknown>;
	for (const [key, value] of Object.entries(config)) {
		if (typeof value === 'string') config[key] = key === 'suite' ? redactRef(value) : scrubPaths(value);
	}
	for (const prompt of copy.prompts) {
		prompt.response = '';
		prompt.reason = prompt.reason === null ? null : scrubPaths(prompt.reason);
		prompt.checks = prompt.checks.map((check) => ({...check, description: check.kind}));
	}
	copy.warnings = copy.warnings.map((warning) => ({...warning, message: scrubPaths(warning.message)}));
	copy.criteria = copy.criteria.map((criterion) => ({...criterion, reason: criterion.reason === null ? null : scrubPaths(criterion.reason)}));
	return copy;
}
