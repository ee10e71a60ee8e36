import {writeCompareShareFiles} from '../../export/share-files.js';
import {compareReports} from '../../report/compare.js';
import {renderSectionsText, sectionLines, type Styler} from '../../report/compare-text.js';
import {comparisonSections, type Tone} from '../../report/compare-view.js';
import {readReport} from '../../report/read-report.js';
import {DEFAULT_TOLERANCE_PCT} from '../../report/compare-metrics.js';
import {styleLine, type LineStyle} from '../../ui/sgr.js';
import {colorEnabled} from '../../ui/theme.js';
import {sanitize} from '../../run/sanitize.js';
import type {ParsedArgs} from '../args.js';
import {UsageError} from '../errors.js';
import {combineExitCodes, EXIT} from '../exit-codes.js';
import type {Io} from '../io.js';
import {checkShareConflicts, reportShareFailures, shareFilesOf, sharesToStdout, textIo} from '../share-flags.js';
import {chooseView} from '../view.js';

const TONE_STYLE: Readonly<Record<Tone, LineStyle>> = {bad: {color: 'red', bold: true}, good: {color: 'green'}, dim: {dim: true}, title: {bold: true}};

/** `llmtop compare A.json B.json [C.json...]`: prints the comparison; exit 1 on a regression. */
export async function compareCommand(parsed: ParsedArgs, streams: Io): Promise<number> {
	const {flags, positionals} = parsed;
	if (positionals.length < 2) throw new UsageError('compare needs at least two reports: llmtop compare A.json B.json [C.json...]');
	const shareFiles = shareFilesOf(flags, streams);
	if (flags['json'] && sharesToStdout(shareFiles)) throw new UsageError('--json and a shared file named - both go to stdout; give the file a path');
	// A shared file on stdout: the table goes to stderr (and as lines, not the Ink view).
	const io = textIo(streams, sharesToStdout(shareFiles));
	checkShareConflicts(
		shareFiles,
		positionals.map((path) => ({flag: 'REPORT', path, role: 'input'})),
	);
	const inputs = positionals.map((path) => ({name: path, report: readReport(path)}));
	const comparison = compareReports(inputs, {tolerancePct: (flags['tolerance'] as number | undefined) ?? DEFAULT_TOLERANCE_PCT});
	const shareCode = reportShareFailures(
		writeCompareShareFiles(
			comparison,
			inputs.map((input) => input.report),
			shareFiles,
		),
		io,
	);
	const code = combineExitCodes(shareCode ?? EXIT.pass, comparison.regressions.length > 0 ? EXIT.fail : EXIT.pass);
	if (flags['json']) {
		(io.outRaw ?? io.out)(JSON.stringify(comparison, null, 2));
		return code;
	}
	const sections = comparisonSections(comparison);
	const view = chooseView({headlessFlag: Boolean(flags['headless']), stdoutIsTTY: io.stdoutIsTTY, ci: io.ci, dumbTerminal: io.dumbTerminal === true});
	if (view.note) io.err(view.note);
	if (view.headless) {
		const color = io.stdoutIsTTY && colorEnabled(process.env);
		// Styled lines are sanitised before the colour goes on, then printed as they are.
		const style: Styler = (text, tone) => (color && tone ? styleLine(sanitize(text), TONE_STYLE[tone]) : sanitize(text));
		for (const line of renderSectionsText(sections, style)) (color ? (io.outRaw ?? io.out) : io.out)(line);
		return code;
	}
	const {showComparison} = await import('../../ui/compare/index.js');
	await showComparison(sectionLines(sections), {stdout: io.stdout});
	return code;
}
