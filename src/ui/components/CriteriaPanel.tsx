import {memo, useMemo} from 'react';
import {formatCriterionValue} from '../../run/format.js';
import type {CriterionResult, CriterionStatus, Verdict} from '../../run/types.js';
import {oneLine, padEnd, padStart, truncate} from '../text.js';
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
	/** Most criteria lines to show. */
	maxLines?: number;
}

/** Each criterion's live value against its threshold, with its status. */
export const CriteriaPanel = memo(function CriteriaPanel({criteria, verdict, width, title = true, maxLines}: CriteriaPanelProps) {
	const theme = useTheme();
	const lines = useMemo(() => {
		const shown = maxLines === undefined ? criteria : criteria.slice(0, Math.max(0, maxLines));
		const rows = shown.map(result => ({
			text: criterionLine(result, width),
			style: {color: statusColor(result.status, theme), bold: result.status === 'fail'},
		}));
		return title ? [{text: truncate(criteriaTitle(criteria, verdict), width), style: {color: verdictColor(verdict, theme), bold: true}}, ...rows] : rows;
	}, [criteria, verdict, width, title, maxLines, theme]);
	return <FixedText lines={lines} width={width} />;
});

/** `criteria: PENDING · 3 pass 1 fail 3 pend 1 skip`. */
export function criteriaTitle(criteria: readonly CriterionResult[], verdict: Verdict): string {
	const counts: Record<CriterionStatus, number> = {pass: 0, fail: 0, pending: 0, skip: 0};
	for (const result of criteria) counts[result.status]++;
	return `criteria: ${verdict.toUpperCase()} · ${counts.pass} pass ${counts.fail} fail ${counts.pending} pend ${counts.skip} skip`;
}

/**
 * One criterion as `✓ pass label  value op threshold  reason`, cut to
 * `width`; a skip shows its reason instead of the value.
 */
export function criterionLine(result: CriterionResult, width: number): string {
	const mark = STATUS_MARKS[result.status];
	const head = `${mark.glyph} ${mark.word} `;
	const value = formatCriterionValue(result.value, result.unit);
	const bound = `${result.op} ${formatCriterionValue(result.threshold, result.unit)}`;
	const figures = result.status === 'skip' ? oneLine(result.reason ?? 'skipped') : `${padStart(value, 9)} ${bound}`;
	const figuresWidth = result.status === 'skip' ? Math.min(figures.length, 10) : figures.length;
	const labelWidth = Math.max(4, Math.min(21, width - head.length - figuresWidth - 1));
	let line = `${head}${padEnd(oneLine(result.label), labelWidth)} ${figures}`;
	if (result.status !== 'skip' && result.reason && line.length + 3 < width) line += `  ${oneLine(result.reason)}`;
	return truncate(line, width);
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
