import {memo, useMemo} from 'react';
import {formatCriterionValue} from '../../run/format.js';
import type {CriterionResult, CriterionStatus, Verdict} from '../../run/types.js';
import {criterionMargin} from '../../run/criterion-margin.js';
import {displayWidth, oneLine, padEnd, truncate, wrapLines} from '../text.js';
import {useTheme, type Theme} from '../theme.js';
import {FixedText} from './FixedText.js';

/** Glyph and word of each status: readable without colour. */
export const STATUS_MARKS: Readonly<Record<CriterionStatus, {glyph: string; word: string}>> = {
	pass: {glyph: '✓', word: 'pass'},
	fail: {glyph: '✗', word: 'FAIL'},
	pending: {glyph: '…', word: 'pend'},
	skip: {glyph: '-', word: 'skip'},
};

/** Props of {@link CriteriaPanel}. */
export interface CriteriaPanelProps {
	criteria: readonly CriterionResult[];
	verdict: Verdict;
	width: number;
	/** Show a title line with the verdict and counts. */
	title?: boolean;
	/** Most lines to show. */
	maxLines?: number;
}

/** Each criterion's live value against its threshold, its margin or why it is not judged; nothing is cut (reasons wrap). */
export const CriteriaPanel = memo(function CriteriaPanel({criteria, verdict, width, title = true, maxLines}: CriteriaPanelProps) {
	const theme = useTheme();
	const lines = useMemo(() => {
		const rows = criteriaPanelLines(criteria, width).map(({text, status}) => ({
			text,
			style: {color: statusColor(status, theme), bold: status === 'fail'},
		}));
		const all = title ? [{text: truncate(criteriaTitle(criteria, verdict), width), style: {color: verdictColor(verdict, theme), bold: true}}, ...rows] : rows;
		return maxLines === undefined ? all : all.slice(0, Math.max(0, maxLines));
	}, [criteria, verdict, width, title, maxLines, theme]);
	return <FixedText lines={lines} width={width} />;
});

/** `criteria: PENDING · 3 pass 1 fail 3 pend 1 skip`. */
export function criteriaTitle(criteria: readonly CriterionResult[], verdict: Verdict): string {
	const counts: Record<CriterionStatus, number> = {pass: 0, fail: 0, pending: 0, skip: 0};
	for (const result of criteria) counts[result.status]++;
	return `criteria: ${verdict.toUpperCase()} · ${counts.pass} pass ${counts.fail} fail ${counts.pending} pend ${counts.skip} skip`;
}

/** Lines of the panel (no title): each criterion's lines, tagged with its status. */
export function criteriaPanelLines(criteria: readonly CriterionResult[], width: number): {text: string; status: CriterionStatus}[] {
	const labelWidth = Math.max(0, ...criteria.map((result) => shortLabel(result).length));
	return criteria.flatMap((result) => criterionLines(result, width, labelWidth).map((text) => ({text, status: result.status})));
}

/** Panels narrower than this keep a passed criterion to one line. */
const NARROW = 52;

/** Indent of a criterion's continuation lines. */
const CONTINUATION = '    ';

/**
 * One criterion as `✓ pass label  value ≤ threshold  margin` (a pending or
 * skipped one shows why instead of the margin), packed into lines of `width`:
 * what does not fit goes to indented continuation lines, so the label, the
 * figures and the reason are never cut. `labelWidth` aligns the panel's labels.
 */
export function criterionLines(result: CriterionResult, width: number, labelWidth = 0): string[] {
	const mark = STATUS_MARKS[result.status];
	const head = `${mark.glyph} ${mark.word} `;
	const label = padEnd(shortLabel(result), Math.min(labelWidth, Math.max(0, width - head.length)));
	const value = formatCriterionValue(result.value, result.unit);
	const bound = `${OP_SIGNS[result.op]} ${formatCriterionValue(result.threshold, result.unit)}`;
	const figures = result.status === 'skip' || result.value === null ? `(limit ${bound})` : `${value} ${bound}`;
	const margin = criterionMargin(result);
	const first = `${head}${label} ${figures}`;
	const start = displayWidth(first) <= width ? [first] : [`${head}${label}`, figures];
	// A narrow panel (80x24) shows a pass's margin only when it fits on the line: all criteria stay in view.
	if (result.status === 'pass' && margin !== null && width < NARROW && displayWidth(first) + 2 + displayWidth(margin) > width) return pack(start, width);
	const why = margin ?? (result.reason ? oneLine(result.reason) : '');
	return pack(
		[...start, why].filter((part) => part !== ''),
		width,
	);
}

/** Short labels of the default criteria (a reader tells them apart; the help and the report keep the long ones). */
const SHORT_LABELS: Readonly<Record<CriterionResult['id'], string>> = {
	'idle-cpu': 'idle CPU',
	'active-cpu-mean': 'CPU mean',
	'active-cpu-p99': 'CPU p99',
	'rss-peak': 'RSS peak',
	'latency-p95': 'e2e p95',
	'latency-ratio': 'ITL p99/p50',
	correctness: 'correct',
	'interactive-delay-p99': 'delay p99',
	'prompt-errors': 'errors',
};

/** The criterion's short label, or its own when it was renamed. */
export function shortLabel(result: Pick<CriterionResult, 'id' | 'label'>): string {
	return SHORT_LABELS[result.id] ?? oneLine(result.label);
}

/** Signs of the comparison operators, as a reader writes them. */
const OP_SIGNS: Readonly<Record<CriterionResult['op'], string>> = {'<=': '≤', '<': '<', '>=': '≥', '>': '>'};

/** Packs parts into lines of `width`, two spaces apart; a part that fits no line is word-wrapped. */
function pack(parts: readonly string[], width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const part of parts) {
		if (line !== '' && displayWidth(line) + 2 + displayWidth(part) <= width) {
			line += `  ${part}`;
			continue;
		}
		if (line !== '') lines.push(line);
		const indent = lines.length === 0 && line === '' ? '' : CONTINUATION;
		const room = Math.max(1, width - indent.length);
		const wrapped = wrapLines(part, room);
		for (const piece of wrapped.slice(0, -1)) lines.push(`${indent}${piece}`);
		line = `${indent}${wrapped[wrapped.length - 1] ?? ''}`;
	}
	if (line !== '') lines.push(line);
	return lines;
}

function statusColor(status: CriterionStatus, theme: Theme): string | undefined {
	switch (status) {
		case 'pass':
			return theme.good;
		case 'fail':
			return theme.bad;
		case 'pending':
		case 'skip':
			return theme.pending;
		default:
			return status satisfies never;
	}
}

function verdictColor(verdict: Verdict, theme: Theme): string | undefined {
	if (verdict === 'pass') return theme.good;
	if (verdict === 'fail') return theme.bad;
	return theme.title;
}
