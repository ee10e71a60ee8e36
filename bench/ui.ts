/**
 * The dashboard's rendering cost, measured side by side: every configuration
 * runs at the same time in its own Node process (NODE_ENV=production), fed
 * the same synthetic event stream in real time, drawing into a fake 120x36
 * terminal. A baseline process gets the same stream with no dashboard, so
 * the difference is the dashboard's own CPU. Idle (samples only, 10 Hz) and
 * active (tokens at ~60/s) windows are measured one after the other.
 *
 * Run after `tsc`: `node dist/bench/ui.js [seconds] [--json]`, or watch it:
 * `node dist/bench/ui.js --demo active|idle|try [--no-color]` (q or Ctrl+Q
 * quits; in `try`, type a prompt and press Enter).
 */
import {EventEmitter} from 'node:events';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {RunEvent} from '../src/run/events.js';
import {spawnCollect} from './lib/spawn-collect.js';
import {SyntheticTrySession, buildScenario, playEvents, type ScenarioKind} from './ui-events.js';

/** One configuration of a child process. */
export interface UiBenchConfig {
	name: string;
	scenario: ScenarioKind;
	/** No dashboard: the stream and the store only. */
	baseline: boolean;
	color: boolean;
	incremental: boolean;
	/**
	 * Every clock move is an Ink frame, as before the clock was written alone
	 * (the dashboard off the alternate screen, where it does not know its
	 * place on screen). Measured beside the default in the same run.
	 */
	clockFrames?: boolean;
	columns: number;
	rows: number;
	warmupMs: number;
	measureMs: number;
}

/** What one child measured over its window. */
export interface UiBenchResult {
	name: string;
	scenario: ScenarioKind;
	/** Whole-process CPU, % of one core. */
	cpuPctOfCore: number;
	frames: number;
	/** Clock moves written alone, without a frame (see `src/ui/clock-overlay.ts`). */
	clockWrites: number;
	/** Ink's own render time per frame (output generation), ms. */
	inkMsPerFrame: number;
	bytesPerFrame: number;
	events: number;
}

/** A configuration's cost over its baseline. */
export interface UiBenchRow extends UiBenchResult {
	/** CPU above the baseline process, % of one core. */
	dashboardPctOfCore: number;
	/** The same, % of the whole (2-core) machine. */
	dashboardPctOfMachine: number;
	/** Dashboard CPU per frame, ms. */
	msPerFrame: number | null;
	framesPerSec: number;
	clockWritesPerSec: number;
}

/** A writable that Ink takes for a TTY of a fixed size; counts what it is given. */
class FakeTerminal extends EventEmitter {
	readonly isTTY = true;
	bytes = 0;
	writes = 0;
	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}
	write(chunk: string, callback?: () => void): boolean {
		this.bytes += chunk.length;
		this.writes++;
		if (typeof callback === 'function') queueMicrotask(callback);
		return true;
	}
}

/** A stdin that never delivers keys. */
class SilentStdin extends EventEmitter {
	readonly isTTY = false;
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
	read(): null {
		return null;
	}
}

async function runChild(config: UiBenchConfig): Promise<UiBenchResult> {
	const {RunStore} = await import('../src/run/store.js');
	const store = new RunStore();
	const events = buildScenario(config.scenario, config.warmupMs + config.measureMs + 1000);
	let applied = 0;
	const apply = (event: RunEvent) => {
		store.apply(event);
		applied++;
	};
	const terminal = new FakeTerminal(config.columns, config.rows);
	let frames = () => ({count: 0, totalMs: 0, clockWrites: 0});
	let unmount = () => {};
	if (!config.baseline) {
		const {startDashboard} = await import('../src/ui/start-dashboard.js');
		const handle = startDashboard({
			store,
			controls: {quit() {}, togglePause() {}, skipPrompt() {}},
			mode: 'run',
			stdout: terminal as unknown as NodeJS.WriteStream,
			stdin: new SilentStdin() as unknown as NodeJS.ReadStream,
			noColor: !config.color,
			incrementalRendering: config.incremental,
			// As on a terminal: the frame at the top of the alternate screen, where the clock can be written alone.
			alternateScreen: config.clockFrames !== true,
		});
		frames = handle.frames;
		unmount = handle.unmount;
	}
	const playback = playEvents(events, apply);
	await sleep(config.warmupMs);
	const cpu0 = process.cpuUsage();
	const frames0 = frames();
	const bytes0 = terminal.bytes;
	const events0 = applied;
	const wall0 = performance.now();
	await sleep(config.measureMs);
	const cpu = process.cpuUsage(cpu0);
	const wall = performance.now() - wall0;
	const frames1 = frames();
	playback.stop();
	unmount();
	const count = frames1.count - frames0.count;
	return {
		name: config.name,
		scenario: config.scenario,
		cpuPctOfCore: ((cpu.user + cpu.system) / 1000 / wall) * 100,
		frames: count,
		clockWrites: frames1.clockWrites - frames0.clockWrites,
		inkMsPerFrame: count > 0 ? (frames1.totalMs - frames0.totalMs) / count : 0,
		bytesPerFrame: count > 0 ? (terminal.bytes - bytes0) / count : 0,
		events: applied - events0,
	};
}

const VARIANTS: readonly Pick<UiBenchConfig, 'name' | 'baseline' | 'color' | 'incremental' | 'clockFrames'>[] = [
	{name: 'baseline (store, no dashboard)', baseline: true, color: false, incremental: false},
	{name: 'dashboard, colour', baseline: false, color: true, incremental: false},
	{name: 'dashboard, colour, clock moves as frames', baseline: false, color: true, incremental: false, clockFrames: true},
	{name: 'dashboard, no colour', baseline: false, color: false, incremental: false},
	{name: 'dashboard, colour, incremental', baseline: false, color: true, incremental: true},
];

async function spawnChild(config: UiBenchConfig): Promise<UiBenchResult> {
	// Without CI variables: under them Ink draws no frames until exit, and there would be nothing to measure.
	const {CI: _ci, CONTINUOUS_INTEGRATION: _ciAlso, ...inherited} = process.env;
	const env = {...inherited, NODE_ENV: 'production', FORCE_COLOR: config.color ? '1' : '0', NO_COLOR: ''};
	const {code, stdout, stderr} = await spawnCollect(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(config)], env);
	if (code !== 0) throw new Error(`${config.name}: child exited with ${code}: ${stderr.trim()}`);
	return JSON.parse(stdout) as UiBenchResult;
}

/** Runs the idle window, then the active one; each configuration in its own process, side by side. */
export async function benchUi(seconds = 12, size = {columns: 120, rows: 36}): Promise<UiBenchRow[]> {
	const rows: UiBenchRow[] = [];
	for (const scenario of ['idle', 'active'] as const) {
		const configs = VARIANTS.map((variant) => ({
			...variant,
			name: `${scenario}: ${variant.name}`,
			scenario,
			...size,
			warmupMs: 3000,
			measureMs: seconds * 1000,
		}));
		const results = await Promise.all(configs.map(spawnChild));
		const baseline = results[0] as UiBenchResult;
		for (const result of results) {
			const extra = result === baseline ? 0 : result.cpuPctOfCore - baseline.cpuPctOfCore;
			rows.push({
				...result,
				dashboardPctOfCore: extra,
				dashboardPctOfMachine: extra / 2,
				msPerFrame: result.frames > 0 ? (extra * 10 * seconds) / result.frames : null,
				framesPerSec: result.frames / seconds,
				clockWritesPerSec: result.clockWrites / seconds,
			});
		}
	}
	return rows;
}

function printTable(rows: readonly UiBenchRow[]): void {
	const header = ['configuration', 'CPU %core', 'dash %core', 'dash %machine', 'frames/s', 'clock writes/s', 'ms/frame', 'ink ms/frame', 'bytes/frame'];
	const lines = rows.map((row) => [
		row.name,
		row.cpuPctOfCore.toFixed(2),
		row.dashboardPctOfCore.toFixed(2),
		row.dashboardPctOfMachine.toFixed(2),
		row.framesPerSec.toFixed(2),
		row.clockWritesPerSec.toFixed(2),
		row.msPerFrame === null ? '-' : row.msPerFrame.toFixed(1),
		row.inkMsPerFrame.toFixed(1),
		row.bytesPerFrame.toFixed(0),
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
	for (const line of [header, ...lines]) console.log(line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
}

async function demo(kind: ScenarioKind | 'try', noColor: boolean): Promise<void> {
	const {RunStore} = await import('../src/run/store.js');
	const {startDashboard} = await import('../src/ui/start-dashboard.js');
	const store = new RunStore();
	const apply = (event: RunEvent) => store.apply(event);
	const session = kind === 'try' ? new SyntheticTrySession(apply) : undefined;
	const playback = kind === 'try' ? undefined : playEvents(buildScenario(kind, 600_000), apply);
	let paused = false;
	const handle = startDashboard({
		store,
		mode: kind === 'try' ? 'try' : 'run',
		noColor,
		controls: {
			quit: () => handle.unmount(),
			togglePause: () => {
				paused = !paused;
				store.apply({type: 'pause', t: store.now, paused});
			},
			skipPrompt: () => {},
			submitPrompt: (text) => session?.submit(text),
			abortPrompt: () => session?.abort(),
			saveReport: () => 'saveReport called (demo: nothing written)',
		},
	});
	await handle.waitUntilExit();
	playback?.stop();
	session?.stop();
	const frames = handle.frames();
	console.log(`${frames.count} frames, Ink render ${(frames.totalMs / Math.max(1, frames.count)).toFixed(2)} ms/frame`);
}

async function main(argv: string[]): Promise<void> {
	const childIndex = argv.indexOf('--child');
	if (childIndex >= 0) {
		process.stdout.write(JSON.stringify(await runChild(JSON.parse(argv[childIndex + 1] ?? '{}') as UiBenchConfig)));
		process.exit(0);
	}
	const demoIndex = argv.indexOf('--demo');
	if (demoIndex >= 0) {
		process.env['NODE_ENV'] = 'production';
		const kind = argv[demoIndex + 1];
		await demo(kind === 'idle' || kind === 'try' ? kind : 'active', argv.includes('--no-color'));
		process.exit(0);
	}
	const seconds = Number(argv.find((arg) => /^\d+$/.test(arg)) ?? 12);
	const rows = await benchUi(seconds);
	if (argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
	else printTable(rows);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	await main(process.argv.slice(2));
}
