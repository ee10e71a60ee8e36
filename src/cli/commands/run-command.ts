import {FleetSinks, wantsFleet} from '../../export/fleet-sinks.js';
import {writeRunShareFiles} from '../../export/share-files.js';
import {appendLearnings} from '../../report/learnings-file.js';
import {EventsRecorder} from '../../report/events-file.js';
import {loadImpact} from '../../report/load-impact.js';
import {buildReport} from '../../report/report.js';
import {reportJson, writeReportFile} from '../../report/report-file.js';
import {acquireEventsLock} from '../../report/events-lock.js';
import {describeErrno, FileError} from '../../files/errors.js';
import type {Report} from '../../report/types.js';
import type {RunEvent} from '../../run/events.js';
import type {ParsedArgs} from '../args.js';
import type {CommandHandler} from '../command-spec.js';
import {combineExitCodes, EXIT, verdictExitCode} from '../exit-codes.js';
import {HeadlessPrinter} from '../headless.js';
import type {Io} from '../io.js';
import {prepareRun, type RunSetup} from '../run-setup.js';
import {Session, type SessionEnd} from '../../session/session.js';
import {fleetOptionsOf, reportShareFailures, shareFilesOf, sharesToStdout} from '../share-flags.js';
import {startSignalHandling} from '../signals.js';
import {soakPlanOf} from '../soak-flags.js';
import {startSources} from '../../session/sources.js';
import {describeSavedOutputs} from '../saved-outputs.js';
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
	// A soak asked wrongly fails here, not in a detached process nobody watches.
	if (mode === 'run') soakPlanOf(flags);
	if (mode === 'run' && flags['detach']) {
		const {detachRun} = await import('./detach.js');
		return detachRun(parsed, io);
	}
	const setup = await prepareRun(mode, flags);
	const shareFiles = shareFilesOf(flags, io);
	const fleetOptions = fleetOptionsOf(flags);
	// Listening first: a port in use stops the run before anything starts.
	const fleet = wantsFleet(fleetOptions) ? await FleetSinks.open(fleetOptions) : undefined;
	if (fleet?.listening) io.err(`llmtop: serving /metrics on http://${fleet.listening}/metrics`);
	const view = chooseView({
		headlessFlag: Boolean(flags['headless']),
		stdoutIsTTY: io.stdoutIsTTY,
		needsStdin: mode === 'try',
		stdinIsTTY: io.stdinIsTTY,
		ci: io.ci,
		dumbTerminal: io.dumbTerminal === true,
	});
	if (view.note) io.err(view.note);
	const {headless} = view;
	const reportToStdout = setup.outputs.report === '-';
	// Data on stdout (the report or a shared file): the run's own lines go to stderr.
	const dataToStdout = reportToStdout || sharesToStdout(shareFiles);
	let lock;
	try {
		lock = setup.outputs.events
			? acquireEventsLock(setup.outputs.events, (message) => setup.warnings.push({code: 'events-lock-taken-over', message}))
			: undefined;
	} catch (error) {
		await fleet?.close();
		throw error;
	}
	const held = lock;
	const later: {session?: Session; printer?: HeadlessPrinter; ui?: {waitUntilExit(): Promise<void>; unmount(): void}} = {};
	let eventsFailed = false;
	const warnLate = (message: string): void => {
		eventsFailed = true;
		if (later.session && !later.session.store.runEnd) later.session.notify('events-not-written', message);
		else io.err(`llmtop: warning: ${message}`);
	};
	// Opened once the model loaded (or the run was stopped): a run that fails on its input leaves an existing events file alone.
	const recorder = setup.outputs.events ? new EventsRecorder(setup.outputs.events, {deferOpen: true, onError: warnLate}) : undefined;
	let sources: Awaited<ReturnType<typeof startSources>>;
	try {
		sources = await startSources({canary: !flags['no-canary'], load: (flags['load'] as number | undefined) ?? 0});
	} catch (error) {
		held?.release();
		await fleet?.close();
		throw error;
	}
	const session = new Session({
		...setup.session,
		sources: sources.list,
		sourcesReady: sources.ready,
		onEvent: (event: RunEvent) => {
			recorder?.record(event);
			if (event.type === 'model-loaded') recorder?.open();
			fleet?.onEvent(event);
			later.printer?.onEvent(event);
		},
	});
	later.session = session;
	fleet?.attach(session.store);
	const running = session;
	const lines = {line: (text: string) => (dataToStdout ? io.err(text) : io.out(text))};
	const printer = new HeadlessPrinter(running.store, lines, {live: headless});
	later.printer = printer;
	const signals = startSignalHandling({
		onStop: (reason, signal) => {
			if (!running.store.loaded) running.notify('stopped-during-load', `${signal} while the model loaded: no prompt ran, nothing was measured under load`);
			else if (signal === 'SIGHUP') running.notify('hangup', 'SIGHUP: the terminal hung up; the run stopped and its report and events were written');
			running.stop(reason);
		},
		onPipeClosed: () => running.stop('interrupted'),
		onForceExit: () => {
			recorder?.close();
			held?.release();
			if (later.ui) leaveTerminal(io);
		},
	});
	// A saved report is a passing notice on the dashboard; a failed save is a warning (it stays, and is recorded).
	const saveReport = (): string | undefined => {
		const path = setup.outputs.report && !reportToStdout ? setup.outputs.report : `llmtop-${mode}-${Date.now()}.json`;
		try {
			writeReportFile(path, buildReport(running.store));
			return `report of the tryouts so far saved to ${path}`;
		} catch (error) {
			running.notify('report-not-saved', `could not save the report to ${path}: ${(error as Error).message}`);
			return undefined;
		}
	};
	// Where the report and events went, once written: the final screen's footer shows it.
	let savedNote: string | undefined = undefined;
	const ui = headless
		? undefined
		: await openDashboard(
				mode,
				running,
				saveReport,
				() => signals.forceExit('SIGINT'),
				Boolean(flags['no-color']),
				() => savedNote,
			);
	later.ui = ui;
	if (headless && mode === 'try')
		readPromptLines(
			io,
			(text) => running.submit(text),
			() => running.endInput(),
		);

	let end: SessionEnd = 'error';
	let failure: unknown;
	try {
		end = await running.run();
	} catch (error) {
		failure = error;
	} finally {
		await sources.stop();
		signals.stop();
		// A run that failed before the model loaded (a mistyped --model) does not wipe an existing events file.
		try {
			recorder?.close(failure !== undefined && !running.store.loaded ? {discard: true} : {});
		} finally {
			held?.release();
		}
	}
	// A report is written once the model loaded, or when a signal stopped the load (so an older report at that path does not look current).
	const report = running.store.loaded || (failure === undefined && signals.signal) ? buildReport(running.store) : undefined;
	const written = report ? writeOutputs(report, setup, io) : undefined;
	const writeError = written?.problem;
	const saved = describeSavedOutputs({
		...(report && setup.outputs.report ? {report: setup.outputs.report, reportFailed: written?.reportFailed === true} : {}),
		...(setup.outputs.events ? {events: setup.outputs.events, eventsFailed: eventsFailed || (failure !== undefined && !running.store.loaded)} : {}),
	});
	savedNote = saved;
	const shareCode = report ? reportShareFailures(writeRunShareFiles([{name: setup.outputs.report ?? `llmtop ${mode}`, report}], shareFiles), io) : null;
	const pushWarning = report && mode === 'run' ? await fleet?.push() : null;
	if (pushWarning) io.err(`llmtop: ${pushWarning}`);
	await fleet?.close();
	if (ui && end === 'done' && mode === 'run' && !signals.pipeClosed) await ui.waitUntilExit();
	ui?.unmount();
	if (failure) throw failure;
	if (signals.pipeClosed && signals.exitCode === undefined) return EXIT.pipeClosed;
	printer.summary(saved);
	if (report && setup.baseline) for (const line of loadImpact(report, setup.baseline.report, {baselineName: setup.baseline.path}).lines) lines.line(line);
	// A signal's code (SIGHUP 129 too), else the end's, else the verdict's; a report that could not be written adds 2, after the verdict was printed.
	const endCode = signals.exitCode ?? (end === 'interrupted' ? EXIT.interrupted : end === 'terminated' ? EXIT.terminated : undefined);
	const verdictCode = endCode ?? combineExitCodes(shareCode ?? EXIT.pass, report ? verdictExitCode(report.verdict) : EXIT.pass);
	if (writeError) {
		io.err(`llmtop: ${writeError}`);
		return combineExitCodes(verdictCode, EXIT.usage);
	}
	return verdictCode;
}

/**
 * Writes the report and the learnings entry; a failure (a full disk) is
 * returned as one line so the verdict is still printed before exit 2.
 */
function writeOutputs(report: Report, setup: RunSetup, io: Io): {problem: string | undefined; reportFailed: boolean} {
	const problems: string[] = [];
	let reportFailed = false;
	if (setup.outputs.report === '-') (io.outRaw ?? io.out)(reportJson(report).trimEnd());
	else if (setup.outputs.report) {
		try {
			writeReportFile(setup.outputs.report, report);
		} catch (error) {
			if (!(error instanceof FileError)) throw error;
			problems.push(`the report was not written: ${error.message}`);
			reportFailed = true;
		}
	}
	if (setup.outputs.learnings) {
		try {
			appendLearnings(report, setup.outputs.learnings);
		} catch (error) {
			problems.push(`the learnings entry was not written: ${setup.outputs.learnings}: ${describeErrno(error)}`);
		}
	}
	return {problem: problems.length > 0 ? problems.join('; ') : undefined, reportFailed};
}

/** The dashboard's terminal modes undone without Ink (the process is about to die): main screen, cursor shown, cooked input. */
function leaveTerminal(io: Io): void {
	try {
		if (io.stdinIsTTY && typeof io.stdin.setRawMode === 'function') io.stdin.setRawMode(false);
		if (io.stdoutIsTTY) io.stdout.write('\u001b[?1049l\u001b[?25h');
	} catch {
		// the terminal may be gone (SIGHUP)
	}
}

async function openDashboard(
	mode: 'run' | 'try',
	session: Session,
	saveReport: () => string | undefined,
	forceExit: () => void,
	noColor: boolean,
	saved: () => string | undefined,
): Promise<{waitUntilExit(): Promise<void>; unmount(): void}> {
	let quitAsked = false;
	const {startDashboard} = await import('../../ui/index.js');
	const ui = startDashboard({
		store: session.store,
		mode,
		noColor,
		saved,
		controls: {
			quit: () => {
				if (session.store.runEnd) ui.unmount();
				else if (quitAsked) forceExit();
				else if (mode === 'try') session.endInput({now: true});
				else session.stop('interrupted');
				quitAsked = true;
			},
			togglePause: () => session.togglePause(),
			skipPrompt: () => session.skipPrompt(),
			submitPrompt: (text: string) => session.submit(text),
			abortPrompt: () => session.abortPrompt(),
			saveReport,
			queuedPrompts: () => session.queued(),
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
