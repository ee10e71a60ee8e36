import {FleetSinks, wantsFleet} from '../../export/fleet-sinks.js';
import {writeRunShareFiles} from '../../export/share-files.js';
import {appendLearnings} from '../../report/learnings-file.js';
import {EventsRecorder} from '../../report/events-file.js';
import {loadImpact} from '../../report/load-impact.js';
import {buildReport} from '../../report/report.js';
import {writeReportFile} from '../../report/report-file.js';
import type {Report} from '../../report/types.js';
import type {RunEvent} from '../../run/events.js';
import type {ParsedArgs} from '../args.js';
import type {CommandHandler} from '../command-spec.js';
import {combineExitCodes, EXIT, verdictExitCode} from '../exit-codes.js';
import {HeadlessPrinter} from '../headless.js';
import type {Io} from '../io.js';
import {prepareRun, type RunSetup} from '../run-setup.js';
import {Session, type SessionEnd} from '../../session/session.js';
import {fleetOptionsOf, reportShareFailures, shareFilesOf} from '../share-flags.js';
import {startSignalHandling} from '../signals.js';
import {startSources} from '../../session/sources.js';
import {chooseView} from '../view.js';

/**
 * The handler of `llmtop run` and `llmtop try`: the dashboard in a terminal, lines
 * otherwise. Whatever ends the run (the last prompt, `q`, Ctrl+C, SIGTERM, a
 * closed stdout, an error), the events and the report asked for are written
 * before the exit code is returned.
 */
export function runHandler(mode: 'run' | 'try'): CommandHandler {
	return (parsed, io) => runCommand(mode, parsed, io);
}

async function runCommand(mode: 'run' | 'try', parsed: ParsedArgs, io: Io): Promise<number> {
	const {flags} = parsed;
	const setup = await prepareRun(mode, flags);
	const shareFiles = shareFilesOf(flags);
	const fleetOptions = fleetOptionsOf(flags);
	// Listening first: a port in use stops the run before anything starts.
	const fleet = wantsFleet(fleetOptions) ? await FleetSinks.open(fleetOptions) : undefined;
	if (fleet?.listening) io.err(`llmtop: serving /metrics on http://${fleet.listening}/metrics`);
	const view = chooseView({headlessFlag: Boolean(flags['headless']), stdoutIsTTY: io.stdoutIsTTY, needsStdin: mode === 'try', stdinIsTTY: io.stdinIsTTY, ci: io.ci, dumbTerminal: io.dumbTerminal === true});
	if (view.note) io.err(view.note);
	const {headless} = view;
	const recorder = setup.outputs.events ? new EventsRecorder(setup.outputs.events) : undefined;
	const sources = await startSources({canary: !flags['no-canary'], load: (flags['load'] as number | undefined) ?? 0}, setup.warnings);
	// eslint-disable-next-line prefer-const -- assigned once the session it prints exists; its events reach it through this closure
	let printer: HeadlessPrinter | undefined;
	const session = new Session({
		...setup.session,
		sources: sources.list,
		onEvent: (event: RunEvent) => {
			recorder?.record(event);
			fleet?.onEvent(event);
			printer?.onEvent(event);
		},
	});
	fleet?.attach(session.store);
	printer = new HeadlessPrinter(session.store, {line: (text) => io.out(text)}, {live: headless});
	const signals = startSignalHandling({
		onStop: (reason) => session.stop(reason),
		onPipeClosed: () => session.stop('interrupted'),
	});
	const saveReport = (): void => {
		const path = setup.outputs.report ?? `llmtop-${mode}-${Date.now()}.json`;
		try {
			writeReportFile(path, buildReport(session.store));
			session.notify('report-saved', `report of the tryouts so far saved to ${path}`);
		} catch (error) {
			session.notify('report-not-saved', `could not save the report to ${path}: ${(error as Error).message}`);
		}
	};
	const ui = headless ? undefined : await openDashboard(mode, session, saveReport, Boolean(flags['no-color']));
	if (headless && mode === 'try') readPromptLines(io, (text) => session.submit(text), () => session.endInput());

	let end: SessionEnd = 'error';
	let failure: unknown;
	try {
		end = await session.run();
	} catch (error) {
		failure = error;
	} finally {
		await sources.stop();
		signals.stop();
		recorder?.close();
	}
	const report = session.store.loaded ? buildReport(session.store) : undefined;
	if (report) writeOutputs(report, setup);
	const shareCode = report ? reportShareFailures(writeRunShareFiles([{name: setup.outputs.report ?? `llmtop ${mode}`, report}], shareFiles), io) : null;
	const pushWarning = report && mode === 'run' ? await fleet?.push() : null;
	if (pushWarning) io.err(`llmtop: ${pushWarning}`);
	await fleet?.close();
	if (ui && end === 'done' && mode === 'run' && !signals.pipeClosed) await ui.waitUntilExit();
	ui?.unmount();
	if (failure) throw failure;
	if (signals.pipeClosed) return EXIT.pipeClosed;
	printer.summary();
	if (report && setup.baseline) for (const line of loadImpact(report, setup.baseline.report, {baselineName: setup.baseline.path}).lines) io.out(line);
	if (end === 'interrupted') return EXIT.interrupted;
	if (end === 'terminated') return EXIT.terminated;
	return combineExitCodes(shareCode ?? EXIT.pass, report ? verdictExitCode(report.verdict) : EXIT.pass);
}

function writeOutputs(report: Report, setup: RunSetup): void {
	if (setup.outputs.report) writeReportFile(setup.outputs.report, report);
	if (setup.outputs.learnings) appendLearnings(report, setup.outputs.learnings);
}

async function openDashboard(mode: 'run' | 'try', session: Session, saveReport: () => void, noColor: boolean): Promise<{waitUntilExit(): Promise<void>; unmount(): void}> {
	const {startDashboard} = await import('../../ui/index.js');
	const ui = startDashboard({
		store: session.store,
		mode,
		noColor,
		controls: {
			quit: () => {
				if (session.store.runEnd) ui.unmount();
				else if (mode === 'try') session.endInput({now: true});
				else session.stop('interrupted');
			},
			togglePause: () => session.togglePause(),
			skipPrompt: () => session.skipPrompt(),
			submitPrompt: (text: string) => session.submit(text),
			abortPrompt: () => session.abortPrompt(),
			saveReport,
		},
	});
	return ui;
}

/** `try` without a terminal: each line of stdin is a prompt; the end of input ends the session. */
function readPromptLines(io: Io, submit: (text: string) => void, end: () => void): void {
	let buffered = '';
	io.stdin.setEncoding('utf8');
	io.stdin.on('data', (chunk: string) => {
		buffered += chunk;
		let newline: number;
		while ((newline = buffered.indexOf('\n')) >= 0) {
			submit(buffered.slice(0, newline));
			buffered = buffered.slice(newline + 1);
		}
	});
	io.stdin.on('end', () => {
		if (buffered.trim()) submit(buffered);
		end();
	});
}
