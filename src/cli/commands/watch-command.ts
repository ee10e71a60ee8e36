import {existsSync, watch, type FSWatcher} from 'node:fs';
import {EventsFileError} from '../../report/events-file.js';
import {readEventsLock} from '../../report/events-lock.js';
import {buildReport} from '../../report/report.js';
import type {RunEvent} from '../../run/events.js';
import {RunStore} from '../../run/store.js';
import {EventsFollower, type FollowStep} from '../../watch/events-follower.js';
import {writerState, type WriterStatus} from '../../watch/writer-state.js';
import {watchFooterNote} from '../../watch/footer-note.js';
import type {ParsedArgs} from '../args.js';
import {UsageError} from '../errors.js';
import {newestRunEvents, runsDir} from '../state-dir.js';
import {EXIT, verdictExitCode} from '../exit-codes.js';
import {HeadlessPrinter} from '../headless.js';
import type {Io} from '../io.js';
import {startSignalHandling} from '../signals.js';
import {chooseView} from '../view.js';

/** Polling period: the fallback when fs.watch says nothing (network filesystems), and the writer-state check. */
const POLL_MS = 500;
const DEFAULT_WAIT_S = 30;

/** `llmtop watch EVENTS.jsonl`. */
export async function watchCommand(parsed: ParsedArgs, io: Io): Promise<number> {
	const {flags, positionals} = parsed;
	const path = positionals[0] ?? newestRunEvents();
	if (path === undefined) throw new UsageError(`watch needs an events file (no detached run under ${runsDir()}): llmtop watch EVENTS.jsonl`);
	if (positionals[0] === undefined) io.err(`llmtop: watching the newest run: ${path}`);
	const waitS = (flags['wait'] as number | undefined) ?? DEFAULT_WAIT_S;
	const view = chooseView({headlessFlag: Boolean(flags['headless']), stdoutIsTTY: io.stdoutIsTTY, ci: io.ci});
	if (view.note) io.err(view.note);
	let stopped = false;
	let wake: (() => void) | undefined;
	const stop = (): void => {
		stopped = true;
		wake?.();
	};
	const signals = startSignalHandling({onStop: stop, onPipeClosed: stop});
	const sleep = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			const timer = setTimeout(resolve, ms);
			wake = () => {
				clearTimeout(timer);
				resolve();
			};
		});
	try {
		const deadline = performance.now() + waitS * 1000;
		while (!existsSync(path) && !stopped) {
			if (performance.now() >= deadline) {
				io.err(`llmtop: ${path}: no such file after waiting ${waitS} s (--wait S waits longer)`);
				return EXIT.usage;
			}
			await sleep(Math.min(250, Math.max(1, deadline - performance.now())));
		}
		if (stopped) return signalCode(signals) ?? EXIT.interrupted;
		return await follow(path, view.headless, io, {sleep, isStopped: () => stopped, stop, signalCode: () => signalCode(signals)});
	} catch (error) {
		if (error instanceof EventsFileError) {
			io.err(`llmtop: ${error.message}`);
			return EXIT.usage;
		}
		throw error;
	} finally {
		signals.stop();
	}
}

interface Loop {
	sleep(ms: number): Promise<void>;
	isStopped(): boolean;
	stop(): void;
	signalCode(): number | undefined;
}

async function follow(path: string, headless: boolean, io: Io, loop: Loop): Promise<number> {
	const follower = new EventsFollower(path);
	const store = new RunStore();
	const printer = new HeadlessPrinter(store, {line: (text) => io.out(text)}, {live: headless});
	let ended = false;
	let lastEventAt = performance.now();
	let lastEventT = 0;
	let status: WriterStatus = {state: 'live'};
	let reset: FollowStep['reset'];
	const cpu = {usage: process.cpuUsage(), at: performance.now(), pct: 0};
	const apply = (events: readonly RunEvent[]): void => {
		for (const event of events) {
			store.apply(event);
			printer.onEvent(event);
			lastEventT = event.t;
			if (event.type === 'run-end') ended = true;
		}
		if (events.length > 0) lastEventAt = performance.now();
	};
	const step = (): void => {
		if (reset || ended) return;
		const found = follower.poll();
		for (const line of found.dropped) io.err(`llmtop: ${path}: line ${line.line} dropped: ${line.reason}`);
		apply(found.events);
		if (found.reset) {
			reset = found.reset;
			const message = `${path} was ${found.reset} under the watcher after ${follower.offset} bytes; no longer following it`;
			io.err(`llmtop: ${message}`);
			apply([{type: 'warning', t: lastEventT, code: 'watch-file-reset', message}]);
		}
	};
	step();
	let loopWake = (): void => {};
	let watcher: FSWatcher | undefined;
	try {
		watcher = watch(path, {persistent: false}, () => {
			// fs.watch only wakes the loop; polling reads, so a missed notice costs one period.
			loopWake();
		});
		watcher.on('error', () => {});
	} catch {
		// polling alone
	}
	let ui: {waitUntilExit(): Promise<void>; unmount(): void} | undefined;
	let quit = false;
	if (!headless) {
		const {startDashboard} = await import('../../ui/index.js');
		ui = startDashboard({
			store,
			mode: 'watch',
			footerNote: () => watchFooterNote({status, lastEventAgeMs: performance.now() - lastEventAt, cpuPct: cpu.pct, reset}),
			controls: {
				quit: () => {
					quit = true;
					loop.stop();
					ui?.unmount();
				},
				togglePause: () => {},
				changeSpeed: () => {},
				skipPrompt: () => {},
			},
		});
	}
	let goneSaid = false;
	try {
		while (!loop.isStopped()) {
			step();
			const now = performance.now();
			const usage = process.cpuUsage(cpu.usage);
			if (now - cpu.at >= 1000) {
				cpu.pct = ((usage.user + usage.system) / 1000 / (now - cpu.at)) * 100;
				cpu.usage = process.cpuUsage();
				cpu.at = now;
			}
			status = writerState({ended, lock: readEventsLock(path), lastEventAgeMs: now - lastEventAt});
			if (status.state === 'writer gone' && !goneSaid) {
				goneSaid = true;
				const message = `writer gone: ${status.detail ?? 'no run-end'}; the last event came ${((now - lastEventAt) / 1000).toFixed(1)} s ago`;
				if (headless) io.err(`llmtop: ${path}: ${message}`);
				else apply([{type: 'warning', t: lastEventT, code: 'watch-writer-gone', message}]);
			}
			if (headless && (ended || goneSaid || reset)) break;
			if (!headless && (ended || goneSaid || reset)) {
				// Stay on the final screen until q.
				if (ui && io.stdinIsTTY) await ui.waitUntilExit();
				break;
			}
			await new Promise<void>((resolve) => {
				loopWake = resolve;
				void loop.sleep(POLL_MS).then(resolve);
			});
		}
	} finally {
		watcher?.close();
		ui?.unmount();
	}
	const signal = loop.signalCode();
	if (signal !== undefined) return signal;
	if (reset) return EXIT.usage;
	if (goneSaid) return EXIT.fail;
	// q on a live run leaves the watcher only: nothing failed.
	if (quit && !ended) return EXIT.pass;
	if (!ended) return EXIT.fail;
	printer.summary();
	// The exit code the run itself returned: its signal when it was stopped, else its verdict.
	const reason = store.runEnd?.reason;
	if (reason === 'interrupted') return EXIT.interrupted;
	if (reason === 'terminated') return EXIT.terminated;
	return verdictExitCode(buildReport(store).verdict);
}

function signalCode(signals: {pipeClosed: boolean; signal?: string | null}): number | undefined {
	if (signals.pipeClosed) return EXIT.pipeClosed;
	if (signals.signal) return signals.signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
	return undefined;
}
