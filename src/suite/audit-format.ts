import {formatIssue} from './errors.js';
import type {SuiteAudit} from './audit.js';

/** How many suite-wide adversary scores the text output lists. */
const TOP_ADVERSARIES = 5;

/**
 * `llmtop suite check`'s text for one suite: its warnings (`FILE:LINE:
 * warning: ...`), the best adversary per prompt, the best adversaries
 * suite-wide, and the verdict line.
 */
export function formatAudit(audit: SuiteAudit): string[] {
	const lines = audit.warnings.map((warning) => `${formatIssue(audit.path, warning)} (warning)`);
	lines.push(
		`${audit.suite} (${audit.path}): ${audit.prompts.length} prompts, ${audit.adversaries.length} adversaries, ${audit.warnings.length} warning${audit.warnings.length === 1 ? '' : 's'}`,
	);
	lines.push('  best adversary per prompt:');
	const width = Math.max(...audit.prompts.map((prompt) => prompt.id.length));
	for (const prompt of audit.prompts) lines.push(`    ${prompt.id.padEnd(width)}  ${prompt.best.score.toFixed(2)}  ${prompt.best.name}`);
	lines.push('  best adversaries, suite-wide:');
	for (const adversary of audit.adversaries.slice(0, TOP_ADVERSARIES)) lines.push(`    ${adversary.score.toFixed(3)}  ${adversary.name}`);
	const verdict = audit.gameable ? `>= ${audit.maxGamed.toFixed(2)}: GAMEABLE` : `< ${audit.maxGamed.toFixed(2)}: sound`;
	lines.push(`  gamed ceiling ${audit.best.score.toFixed(3)} (${audit.best.name}) ${verdict}`);
	return lines;
}

/** `llmtop suite check --json`'s object for one suite (adversaries by suite-wide score, without per-prompt detail). */
export function auditJson(audit: SuiteAudit): object {
	return {
		suite: audit.suite,
		path: audit.path,
		gameable: audit.gameable,
		maxGamed: audit.maxGamed,
		gamedCeiling: audit.best,
		prompts: audit.prompts,
		adversaries: audit.adversaries.map((adversary) => ({name: adversary.name, score: adversary.score})),
		warnings: audit.warnings,
	};
}
