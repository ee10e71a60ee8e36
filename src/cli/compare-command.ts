import {compareReports} from '../report/compare.js';
import {renderSectionsText, type Styler} from '../report/compare-text.js';
import {comparisonSections, type Tone} from '../report/compare-view.js';
import {readReport} from '../report/read-report.js';
import {DEFAULT_TOLERANCE_PCT, UNIT_FLOORS} from '../report/compare-metrics.js';
import {styleLine, type LineStyle} from '../ui/sgr.js';
import {colorEnabled} from '../ui/theme.js';
import {parseCommand} from './args.js';
import {COMPARE_FLAGS} from './commands.js';
import {EXIT, UsageError} from './errors.js';
import type {Io} from './io.js';
import {chooseView} from './view.js';

const USAGE = `usage: llmtop compare A.json B.json [C.json...] [--tolerance PCT] [--json] [--headless]

Compares every report with the first (the baseline). A regression is a change
in the worse direction larger than --tolerance % of the baseline value AND than
the unit's floor (${floors()}), a criterion going pass -> fail, or a prompt's
score dropping likewise. Exit code: 1 when there is a regression, else 0; 2 on bad input.`;

const TONE_STYLE: Readonly<Record<Tone, LineStyle>> = {bad: {color: 'red', bold: true}, good: {color: 'green'}, dim: {dim: true}, title: {bold: true}};

/** `llmtop compare A.json B.json [C.json...]`: prints the comparison; exit 1 on a regression. */
export async function compareCommand(argv: string[], io: Io): Promise<number> {
	const parsed = parseCommand(argv, COMPARE_FLAGS, Number.POSITIVE_INFINITY, USAGE, io.out);
	if (!parsed) return EXIT.pass;
	const {flags, positionals} = parsed;
	if (positionals.length < 2) throw new UsageError('compare needs at least two reports: llmtop compare A.json B.json [C.json...]');
	const inputs = positionals.map((path) => ({name: path, report: readReport(path)}));
	const comparison = compareReports(inputs, {tolerancePct: (flags['tolerance'] as number | undefined) ?? DEFAULT_TOLERANCE_PCT});
	const code = comparison.regressions.length > 0 ? EXIT.fail : EXIT.pass;
	if (flags['json']) {
		io.out(JSON.stringify(comparison, null, 2));
		return code;
	}
	const sections = comparisonSections(comparison);
	const view = chooseView({headlessFlag: Boolean(flags['headless']), stdoutIsTTY: io.stdoutIsTTY, ci: io.ci});
	if (view.note) io.err(view.note);
	if (view.headless) {
		const color = io.stdoutIsTTY && colorEnabled(process.env);
		const style: Styler = (text, tone) => (color && tone ? styleLine(text, TONE_STYLE[tone]) : text);
		for (const line of renderSectionsText(sections, style)) io.out(line);
		return code;
	}
	const {showComparison} = await import('../ui/compare/index.js');
	await showComparison(sections, {stdout: io.stdout});
	return code;
}

function floors(): string {
	return `${UNIT_FLOORS['%']} pt of CPU, ${UNIT_FLOORS.ms} ms, 1 MiB, ${UNIT_FLOORS.ratio} of a ratio, ${UNIT_FLOORS.score} of a score, ${UNIT_FLOORS['tok/s']} tok/s, ${UNIT_FLOORS.count} spike`;
}
