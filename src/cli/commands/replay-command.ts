import {writeRunShareFiles} from '../../export/share-files.js';
import {readEventsFile, type DroppedLine} from '../../report/events-file.js';
import {ReplaySchedule} from '../../report/replay.js';
import {buildReport} from '../../report/report.js';
import {reportJson, writeReportFile} from '../../report/report-file.js';
import {FileError} from '../../files/errors.js';
import {resolveOutputTarget} from '../../files/output-target.js';
import {findPathConflict} from '../../files/path-conflicts.js';
import type {RunEvent} from '../../run/events.js';
import {RunStore} from '../../run/store.js';
import type {ParsedArgs} from '../args.js';
import {UsageError} from '../errors.js';
import {combineExitCodes, EXIT, verdictExitCode} from '../exit-codes.js';
import {HeadlessPrinter} from '../headless.js';
import {checkShareConflicts, reportShareFailures, shareFilesOf, sharesToStdout, textIo} from '../share-flags.js';
import type {PlaybackView} from '../../ui/view.js';
import type {Io} from '../io.js';
import {startSignalHandling} from '../signals.js';
import {chooseView} from '../view.js';

/** Longest wait between two playback ticks, ms (keeps pause and quit responsive). */
const MAX_TICK_MS = 250;

/** `llmtop replay EVENTS.jsonl`. */
export async function replayCommand(parsed: ParsedArgs, streams: Io): Promise<number> {
	const {flags, positionals} = parsed;
	const path = positionals[0];
	if (path === undefined) throw new UsageError('replay needs an events file: llmtop replay EVENTS.jsonl');
	const shareFiles = shareFilesOf(flags, streams);
	const reportPath = flags['report'] as string | undefined;
	// Data on stdout (the report or a shared file): the replay's own lines go to stderr.
	const io = textIo(streams, reportPath === '-' || sharesToStdout(shareFiles));
	checkShareConflicts(shareFiles, [
		{flag: 'EVENTS', path, role: 'input'},
		...(reportPath === undefined ? [] : [{flag: '--report', path: reportPath, role: 'output' as const}]),
	]);
	checkReportPath(reportPath, path);
	const {events, dropped, ended} = readEventsFile(path);
	for (const line of droppedLines(path, dropped, events.length)) io.err(line);
	if (!ended) io.err(`llmtop: ${path}: the run has no run-end event (killed, or still running): replayed as incomplete`);
	const view = chooseView({headlessFlag: Boolean(flags['headless']), stdoutIsTTY: io.stdoutIsTTY, ci: io.ci, dumbTerminal: io.dumbTerminal === true});
	if (view.note) io.err(view.note);
	const {headless} = view;
	const store = new RunStore();
	const printer = new HeadlessPrinter(store, {line: (text) => io.out(text)}, {live: headless});
	const feed = (batch: readonly RunEvent[]): void => {
		for (const event of batch) {
			store.apply(event);
			printer.onEvent(event);
		}
	};
	const player = new Player(new ReplaySchedule(events, {speed: (flags['speed'] as number | undefined) ?? 1}), feed);
	const signals = startSignalHandling({onStop: () => player.stop(), onPipeClosed: () => player.stop()});
	let ui: {waitUntilExit(): Promise<void>; unmount(): void} | undefined;
	if (!headless) {
		const {startDashboard} = await import('../../ui/index.js');
		ui = startDashboard({
			store,
			mode: 'replay',
			noColor: Boolean(flags['no-color']),
			controls: {
				quit: () => {
					player.stop();
					ui?.unmount();
				},
				togglePause: () => player.togglePause(),
				changeSpeed: (factor: number) => player.changeSpeed(factor),
				skipPrompt: () => {},
			},
			playback: () => player.playback(),
		});
	}
	try {
		await player.run();
		if (ui && !player.stopped && io.stdinIsTTY) await ui.waitUntilExit();
	} finally {
		ui?.unmount();
		signals.stop();
	}
	if (signals.exitCode !== undefined) return signals.exitCode;
	if (signals.pipeClosed) return EXIT.pipeClosed;
	feed(player.rest());
	const report = buildReport(store);
	if (reportPath === '-') (streams.outRaw ?? streams.out)(reportJson(report).trimEnd());
	printer.summary();
	// No run-end: the replay is incomplete, so at best inconclusive (3).
	const verdictCode = combineExitCodes(verdictExitCode(report.verdict), ended ? EXIT.pass : EXIT.inconclusive);
	if (reportPath !== undefined && reportPath !== '-') {
		try {
			writeReportFile(reportPath, report);
		} catch (error) {
			if (!(error instanceof FileError)) throw error;
			io.err(`llmtop: the report was not written: ${error.message}`);
			return combineExitCodes(verdictCode, EXIT.usage);
		}
	}
	const shareCode = reportShareFailures(writeRunShareFiles([{name: path, report}], shareFiles), io);
	return combineExitCodes(shareCode ?? EXIT.pass, verdictCode);
}

/** `--report` must be writable and must not be the events file replayed. */
function checkReportPath(reportPath: string | undefined, eventsPath: string): void {
	if (reportPath === undefined || reportPath === '-') return;
	const conflict = findPathConflict([
		{flag: 'EVENTS', path: eventsPath, role: 'input'},
		{flag: '--report', path: reportPath, role: 'output'},
	]);
	if (conflict) throw new UsageError(conflict);
	resolveOutputTarget(reportPath);
}

/** One stderr line per dropped line (the first few), then a count. */
function droppedLines(path: string, dropped: readonly DroppedLine[], kept: number): string[] {
	if (dropped.length === 0) return [];
	const shown = dropped.slice(0, 5).map((line) => `llmtop: ${path}: line ${line.line} dropped: ${line.reason}`);
	const more = dropped.length > shown.length ? [`llmtop: ${path}: ${dropped.length - shown.length} more lines dropped`] : [];
	return [...shown, ...more, `llmtop: replaying the ${kept} whole events`];
}

/** Drives a {@link ReplaySchedule} with timers until it is done or stopped. */
class Player {
	#stopped = false;
	#timer: NodeJS.Timeout | undefined;
	#wake: (() => void) | undefined;

	constructor(
		private readonly schedule: ReplaySchedule,
		private readonly feed: (events: readonly RunEvent[]) => void,
	) {}

	get stopped(): boolean {
		return this.#stopped;
	}

	/** Plays until every event is fed or {@link stop} is called. */
	async run(): Promise<void> {
		while (!this.#stopped && !this.schedule.done) {
			this.feed(this.schedule.take(performance.now()));
			if (this.schedule.done) break;
			const delay = this.schedule.delayUntilNext(performance.now());
			await new Promise<void>((resolve) => {
				this.#wake = resolve;
				this.#timer = setTimeout(resolve, Math.min(delay ?? MAX_TICK_MS, MAX_TICK_MS));
			});
		}
	}

	togglePause(): void {
		this.schedule.togglePause(performance.now());
		this.#tick();
	}

	/** Plays `factor` times faster from here (between 1/16 and 1024 times the recorded pace). */
	changeSpeed(factor: number): void {
		if (this.schedule.speed === 0) return;
		this.schedule.setSpeed(Math.min(1024, Math.max(1 / 16, this.schedule.speed * factor)), performance.now());
		this.#tick();
	}

	/** Where playback stands, for the dashboard's header. */
	playback(): PlaybackView {
		const totalMs = this.schedule.totalMs;
		const playedMs = this.schedule.done ? totalMs : Math.min(totalMs, this.schedule.playedTo(performance.now()));
		return {paused: this.schedule.paused, speed: this.schedule.speed, playedMs, totalMs};
	}

	stop(): void {
		this.#stopped = true;
		this.#tick();
	}

	/** The events not played (after a stop), for the report. */
	rest(): RunEvent[] {
		return this.schedule.takeRest();
	}

	#tick(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#wake?.();
	}
}
