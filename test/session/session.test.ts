/**
 * `Session` through its `openEngine` seam: a fake engine whose prompts end
 * when the test says so (or when aborted) and a fake clock, so pause, skip,
 * stop, the end of `try`, a fatal context-too-small and a load failure can be
 * caused on demand. The real engine runs in test/e2e.
 */
import {describe, expect, it} from 'vitest';
import {EngineError, ModelNotFoundError} from '../../src/engine/errors.js';
import {reportFromEvents} from '../helpers/report-from-events.js';
import type {Engine, EngineOptions, PromptInput, PromptResult, RunPromptOptions} from '../../src/engine/index.js';
import {defaultCriteria} from '../../src/run/criteria.js';
import type {RunEvent} from '../../src/run/events.js';
import type {RunConfig} from '../../src/run/types.js';
import {PromptDoesNotFitError} from '../../src/session/errors.js';
import {Session, type SessionOptions, type SessionPlan} from '../../src/session/session.js';
import type {SuitePrompt} from '../../src/suite/index.js';
import {CONFIG as BASE_CONFIG, HOST} from './fixtures.js';

/** A clock that moves only when told. */
class FakeClock {
	ms = 1000;
	now = (): number => this.ms;
}

/** One `runPrompt` call the test can end, watch or see aborted. */
interface Call {
	input: PromptInput;
	options: RunPromptOptions;
	/** Ends the prompt with `ok` (or with the given result). */
	finish(result?: Partial<PromptResult>): void;
	/** The engine dies during the prompt: `runPrompt` rejects. */
	crash(error: Error): void;
}

/** An engine whose prompts wait for the test; an abort ends one as `aborted` with its partial answer. */
class FakeEngine implements Engine {
	readonly model = {
		ref: 'fake',
		path: '/fake.gguf',
		name: 'fake',
		architecture: 'llama',
		quantization: 'Q8_0',
		sizeBytes: 1,
		parameterCount: 1,
		synthetic: false,
	};
	readonly engine = {
		llamaCppRelease: 'b0',
		llamaCppRepo: 'fake',
		build: 'prebuilt' as const,
		requestedBuild: 'prebuilt' as const,
		cmakeOptions: {},
		gpu: false as const,
		cpuMathCores: 1,
		systemInfo: '',
	};
	readonly threads = 1;
	readonly contextSize = 256;
	readonly batchSize = 64;
	readonly gpuLayers = 0;
	readonly loadMs = 5;
	readonly timings = {resolveMs: 1, bindingMs: 1, modelMs: 2, contextMs: 1};
	readonly memory = {beforeModelBytes: 1, afterModelBytes: 2, afterContextBytes: 3};
	readonly calls: Call[] = [];
	disposed = 0;
	#waiters: ((call: Call) => void)[] = [];

	constructor(private readonly clock: FakeClock) {}

	countTokens(text: string): number {
		return text.length;
	}

	runPrompt(input: PromptInput, options: RunPromptOptions): Promise<PromptResult> {
		return new Promise((resolve, reject) => {
			let text = '';
			const end = (result: Partial<PromptResult>): void => {
				options.signal?.removeEventListener('abort', onAbort);
				resolve({status: 'ok', response: text, promptTokens: 3, outputTokens: text.length, ...result});
			};
			const onAbort = (): void => end({status: 'aborted'});
			options.signal?.addEventListener('abort', onAbort, {once: true});
			options.onPromptTokens?.(3);
			this.clock.ms += 10;
			text = 'a';
			options.onToken?.(0, 'a', options.now?.() ?? 0);
			const call: Call = {input, options, finish: (result = {}) => end({stopReason: 'eos', ...result}), crash: (error) => reject(error)};
			this.calls.push(call);
			this.#waiters.shift()?.(call);
		});
	}

	/** Resolves with the next `runPrompt` call (or the one already waiting). */
	nextCall(index: number): Promise<Call> {
		const existing = this.calls[index];
		if (existing) return Promise.resolve(existing);
		return new Promise((resolve) => this.#waiters.push(resolve));
	}

	async dispose(): Promise<void> {
		this.disposed++;
	}

	async [Symbol.asyncDispose](): Promise<void> {
		await this.dispose();
	}
}

const CONFIG: RunConfig = {...BASE_CONFIG, build: 'prebuilt'};

function prompt(id: string): SuitePrompt {
	return {id, prompt: `say ${id}`, tags: [], weight: 1, checks: [{kind: 'contains', values: ['a'], mode: 'any'}] as SuitePrompt['checks']};
}

interface Harness {
	session: Session;
	clock: FakeClock;
	engine: FakeEngine;
	events: RunEvent[];
	opened: EngineOptions[];
}

function harness(mode: 'run' | 'try', ids: string[], openEngine?: (options: EngineOptions) => Promise<Engine>, extra: Partial<SessionOptions> = {}): Harness {
	const clock = new FakeClock();
	const engine = new FakeEngine(clock);
	const events: RunEvent[] = [];
	const opened: EngineOptions[] = [];
	const plan: SessionPlan = {mode, suite: {name: 'fake', path: 'fake.yaml'}, prompts: ids.map(prompt), maxTokens: 8, maxTokensForced: false};
	const session = new Session({
		plan,
		config: CONFIG,
		criteria: defaultCriteria(),
		host: HOST,
		modelRef: 'fake',
		engineOptions: {model: 'fake', threads: 1, contextSize: 256, batchSize: 64, gpuLayers: 0},
		openEngine:
			openEngine ??
			(async (options) => {
				opened.push(options);
				return engine;
			}),
		clock,
		onEvent: (event) => events.push(event),
		...extra,
	});
	return {session, clock, engine, events, opened};
}

function ofType<T extends RunEvent['type']>(events: RunEvent[], type: T): Extract<RunEvent, {type: T}>[] {
	return events.filter((event): event is Extract<RunEvent, {type: T}> => event.type === type);
}

function phases(events: RunEvent[]): string[] {
	return ofType(events, 'phase').map((event) => event.name);
}

describe('Session', () => {
	it('runs a suite through load, idle, prompts and idle to a complete run-end, then frees the engine', async () => {
		const {session, engine, events, opened} = harness('run', ['p1', 'p2']);
		const done = session.run();
		(await engine.nextCall(0)).finish();
		(await engine.nextCall(1)).finish();
		expect(await done).toBe('done');
		expect(phases(events)).toEqual(['load', 'idle-before', 'prompts', 'idle-after', 'done']);
		expect(ofType(events, 'prompt-end').map((event) => [event.promptId, event.status])).toEqual([
			['p1', 'ok'],
			['p2', 'ok'],
		]);
		expect(ofType(events, 'prompt-start').map((event) => [event.promptId, event.index, event.total])).toEqual([
			['p1', 0, 2],
			['p2', 1, 2],
		]);
		expect(ofType(events, 'token')[0]).toMatchObject({promptId: 'p1', index: 0, text: 'a', t: 10});
		expect(ofType(events, 'run-end')).toEqual([expect.objectContaining({reason: 'done', complete: true})]);
		expect(opened[0]?.signal).toBeInstanceOf(AbortSignal);
		expect(engine.disposed).toBe(1);
		expect(session.store.runEnd?.reason).toBe('done');
	});

	it('skip marks the running prompt skipped and goes on with the next', async () => {
		const {session, engine, events} = harness('run', ['p1', 'p2']);
		const done = session.run();
		const first = await engine.nextCall(0);
		session.skipPrompt();
		expect(first.options.signal?.aborted).toBe(true);
		(await engine.nextCall(1)).finish();
		expect(await done).toBe('done');
		expect(ofType(events, 'prompt-end').map((event) => [event.promptId, event.status])).toEqual([
			['p1', 'skipped'],
			['p2', 'ok'],
		]);
	});

	it('a pause asked for before the first prompt holds the run there', async () => {
		const {session, engine, events} = harness('run', ['p1']);
		session.togglePause();
		const done = session.run();
		await until(() => events.some((event) => event.type === 'pause'));
		expect(engine.calls).toHaveLength(0);
		session.togglePause();
		(await engine.nextCall(0)).finish();
		expect(await done).toBe('done');
	});

	it('pause holds the run after the running prompt until resumed', async () => {
		const {session, engine, events} = harness('run', ['p1', 'p2']);
		const done = session.run();
		const first = await engine.nextCall(0);
		session.togglePause();
		first.finish();
		await until(() => ofType(events, 'pause').length === 1);
		expect(ofType(events, 'pause')[0]?.paused).toBe(true);
		expect(ofType(events, 'prompt-start').map((event) => event.promptId)).toEqual(['p1']);
		expect(engine.calls).toHaveLength(1);
		session.togglePause();
		(await engine.nextCall(1)).finish();
		expect(await done).toBe('done');
		expect(ofType(events, 'pause').map((event) => event.paused)).toEqual([true, false]);
	});

	it('stop aborts the running prompt, runs no more, and ends incomplete with the reason', async () => {
		const {session, engine, events} = harness('run', ['p1', 'p2', 'p3']);
		const done = session.run();
		const first = await engine.nextCall(0);
		session.stop('terminated');
		expect(first.options.signal?.aborted).toBe(true);
		expect(await done).toBe('terminated');
		expect(engine.calls).toHaveLength(1);
		expect(ofType(events, 'prompt-end').map((event) => [event.promptId, event.status])).toEqual([['p1', 'aborted']]);
		expect(ofType(events, 'run-end')).toEqual([expect.objectContaining({reason: 'terminated', complete: false})]);
		expect(engine.disposed).toBe(1);
	});

	it('a stop while paused ends the run at once', async () => {
		const {session, engine, events} = harness('run', ['p1', 'p2']);
		const done = session.run();
		const first = await engine.nextCall(0);
		session.togglePause();
		first.finish();
		await until(() => events.some((event) => event.type === 'pause'));
		session.stop('interrupted');
		expect(await done).toBe('interrupted');
		expect(engine.calls).toHaveLength(1);
	});

	it('try: typed prompts run in order and the end of input ends the session normally', async () => {
		const {session, engine, events} = harness('try', []);
		const done = session.run();
		session.submit('first');
		session.submit('second');
		session.endInput();
		(await engine.nextCall(0)).finish();
		(await engine.nextCall(1)).finish();
		expect(await done).toBe('done');
		expect(engine.calls.map((call) => [call.input.id, call.input.prompt])).toEqual([
			['try-1', 'first'],
			['try-2', 'second'],
		]);
		expect(ofType(events, 'prompt-end').map((event) => [event.status, event.reason])).toEqual([
			['ok', 'no rubric (tryout)'],
			['ok', 'no rubric (tryout)'],
		]);
		expect(ofType(events, 'run-end')).toEqual([expect.objectContaining({reason: 'done', complete: true})]);
	});

	it('try: a prompt typed while another runs counts as queued until it starts (issue 15 item 10)', async () => {
		const {session, engine} = harness('try', []);
		const done = session.run();
		expect(session.queued()).toBe(0);
		session.submit('first');
		const first = await engine.nextCall(0);
		expect(session.queued()).toBe(0);
		session.submit('second');
		session.submit('   ');
		session.submit('third');
		expect(session.queued()).toBe(2);
		first.finish();
		(await engine.nextCall(1)).finish();
		expect(session.queued()).toBe(1);
		session.endInput();
		(await engine.nextCall(2)).finish();
		expect(await done).toBe('done');
		expect(session.queued()).toBe(0);
	});

	it('try: a prompt taken from the queue still counts as queued until its prompt-start (nothing shows it running yet)', async () => {
		const {session, engine, events} = harness('try', []);
		const run = engine.runPrompt.bind(engine);
		// An engine slow to report the prompt's tokens: prompt-start comes only with the result.
		engine.runPrompt = (input, options) => run(input, {...options, onPromptTokens: undefined});
		const done = session.run();
		session.submit('first');
		const first = await engine.nextCall(0);
		expect(ofType(events, 'prompt-start')).toEqual([]);
		expect(session.queued()).toBe(1);
		first.finish();
		session.endInput();
		expect(await done).toBe('done');
		expect(ofType(events, 'prompt-start')).toHaveLength(1);
		expect(session.queued()).toBe(0);
	});

	it('try: endInput({now}) aborts the running prompt and drops the queued ones', async () => {
		const {session, engine, events} = harness('try', []);
		const done = session.run();
		session.submit('first');
		session.submit('second');
		await engine.nextCall(0);
		session.endInput({now: true});
		expect(await done).toBe('done');
		expect(engine.calls).toHaveLength(1);
		expect(ofType(events, 'prompt-end').map((event) => event.status)).toEqual(['aborted']);
	});

	it("a prompt that does not fit the context stops a run with the session's own error, keeping what was measured", async () => {
		const {session, engine, events} = harness('run', ['p1', 'p2']);
		const done = session.run();
		const message = 'prompt p1 needs 300 tokens but the context holds 256 (raise --context-size)';
		(await engine.nextCall(0)).finish({status: 'error', error: message, errorName: 'ContextTooSmallError', outputTokens: 0, response: ''});
		const error = await done.then(
			() => undefined,
			(reason: unknown) => reason,
		);
		expect(error).toBeInstanceOf(PromptDoesNotFitError);
		expect((error as Error).message).toBe(message);
		expect(engine.calls).toHaveLength(1);
		expect(ofType(events, 'prompt-end').map((event) => [event.promptId, event.status, event.reason])).toEqual([['p1', 'error', message]]);
		expect(ofType(events, 'run-end')).toEqual([expect.objectContaining({reason: 'error', complete: false, message})]);
		expect(engine.disposed).toBe(1);
	});

	it('try: a prompt that does not fit is an error of that prompt only', async () => {
		const {session, engine, events} = harness('try', []);
		const done = session.run();
		session.submit('long');
		session.submit('short');
		session.endInput();
		(await engine.nextCall(0)).finish({status: 'error', error: 'too long', errorName: 'ContextTooSmallError'});
		(await engine.nextCall(1)).finish();
		expect(await done).toBe('done');
		expect(ofType(events, 'prompt-end').map((event) => event.status)).toEqual(['error', 'ok']);
	});

	it('an engine that dies during a prompt: that prompt ends error, the rest never run, the run ends with the error (no throw: the verdict decides)', async () => {
		const {session, engine, events} = harness('run', ['p1', 'p2', 'p3']);
		const done = session.run();
		(await engine.nextCall(0)).finish();
		(await engine.nextCall(1)).crash(new EngineError('the engine thread exited (code 134)'));
		expect(await done).toBe('error');
		expect(engine.calls).toHaveLength(2);
		expect(ofType(events, 'prompt-end').map((event) => [event.promptId, event.status])).toEqual([
			['p1', 'ok'],
			['p2', 'error'],
		]);
		expect(ofType(events, 'prompt-end')[1]?.score).toBe(0);
		expect(ofType(events, 'prompt-end')[1]?.reason).toMatch(/the engine thread exited \(code 134\)/);
		expect(ofType(events, 'prompt-end')[1]?.outputTokens).toBe(1);
		expect(ofType(events, 'run-end')).toEqual([
			expect.objectContaining({reason: 'error', complete: false, message: expect.stringMatching(/engine thread exited/)}),
		]);
		const report = reportFromEvents(events);
		expect(report.prompts.map((prompt) => prompt.status)).toEqual(['ok', 'error', 'not-run']);
		expect(report.criteria.find((criterion) => criterion.id === 'prompt-errors')).toMatchObject({status: 'fail', value: 1});
		expect(report.verdict).toBe('fail');
		expect(engine.disposed).toBe(1);
	});

	it('an engine already dead when the first prompt starts is a failure to run at all: run() rejects (exit 2)', async () => {
		const {session, engine, events} = harness('run', ['p1', 'p2']);
		const crash = new EngineError('the engine thread exited (code 1)');
		engine.runPrompt = () => Promise.reject(crash);
		await expect(session.run()).rejects.toBe(crash);
		expect(ofType(events, 'prompt-start')).toEqual([]);
		expect(ofType(events, 'run-end')).toEqual([expect.objectContaining({reason: 'error', complete: false})]);
	});

	it("a load failure rejects with the engine's error and ends the run with it; no prompt runs", async () => {
		const failure = new ModelNotFoundError('/nowhere.gguf');
		const {session, events} = harness('run', ['p1'], async () => {
			throw failure;
		});
		await expect(session.run()).rejects.toBe(failure);
		expect(ofType(events, 'model-loaded')).toEqual([]);
		expect(ofType(events, 'prompt-start')).toEqual([]);
		expect(phases(events)).toEqual(['load', 'done']);
		expect(ofType(events, 'run-end')).toEqual([expect.objectContaining({reason: 'error', complete: false, message: 'model file not found: /nowhere.gguf'})]);
	});

	it('a stop during the load ends the run as stopped, not as an error', async () => {
		let release: (() => void) | undefined;
		const engine = new FakeEngine(new FakeClock());
		const {session} = harness('run', ['p1'], (options) => {
			return new Promise((resolve, reject) => {
				release = () => resolve(engine);
				options.signal?.addEventListener('abort', () => reject(new Error('aborted while loading')), {once: true});
			});
		});
		const done = session.run();
		await until(() => release !== undefined);
		session.stop('interrupted');
		expect(await done).toBe('interrupted');
		expect(engine.calls).toHaveLength(0);
	});
});

describe('Session with sources that start in the background (the canary)', () => {
	it('starts at once, reports their warnings after run-start, and runs no prompt before they are up', async () => {
		let up: (warnings: {code: string; message: string}[]) => void = () => {};
		const sourcesReady = new Promise<{code: string; message: string}[]>((resolve) => (up = resolve));
		const {session, engine, events} = harness('run', ['p1'], undefined, {sourcesReady});
		const done = session.run();
		await until(() => phases(events).includes('load') && session.store.loaded !== null);
		for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
		expect(phases(events)).toEqual(['load']);
		expect(engine.calls).toHaveLength(0);
		up([{code: 'canary-fallback', message: 'the canary runs in Node'}]);
		(await engine.nextCall(0)).finish();
		expect(await done).toBe('done');
		const codes = events.map((event) => (event.type === 'warning' ? event.code : event.type));
		expect(codes.indexOf('canary-fallback')).toBeGreaterThan(codes.indexOf('run-start'));
		expect(codes.indexOf('canary-fallback')).toBeLessThan(codes.indexOf('prompt-start'));
	});

	it('a stop while they start ends the run without waiting for them', async () => {
		const {session, events} = harness('run', ['p1'], undefined, {sourcesReady: new Promise(() => {})});
		const done = session.run();
		await until(() => session.store.loaded !== null);
		session.stop('interrupted');
		expect(await done).toBe('interrupted');
		expect(phases(events)).not.toContain('prompts');
	});
});

/** Waits (on the event loop, not on time) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
	expect(condition()).toBe(true);
}

describe('Session soaks (--repeat, --duration)', () => {
	const soak = (ids: string[], config: Partial<RunConfig>): Harness => harness('run', ids, undefined, {config: {...CONFIG, ...config}});
	const starts = (events: RunEvent[]) => ofType(events, 'prompt-start').map((event) => [event.promptId, event.pass, event.index, event.total]);

	it('--repeat 2 runs the suite twice: the suite’s ids, each start with its pass, total = passes x prompts', async () => {
		const {session, engine, events} = soak(['p1', 'p2'], {repeat: 2});
		const done = session.run();
		for (let i = 0; i < 4; i++) (await engine.nextCall(i)).finish();
		expect(await done).toBe('done');
		expect(engine.calls).toHaveLength(4);
		expect(starts(events)).toEqual([
			['p1', 1, 0, 4],
			['p2', 1, 1, 4],
			['p1', 2, 2, 4],
			['p2', 2, 3, 4],
		]);
		const report = reportFromEvents(events);
		expect(report.prompts.map((row) => [row.id, row.pass])).toEqual([
			['p1', 1],
			['p2', 1],
			['p1', 2],
			['p2', 2],
		]);
		expect(report.metrics.passes).toEqual({started: 2, complete: 2});
	});

	it('--duration starts prompts until D elapsed in the prompts phase, then lets the running prompt finish (not the pass)', async () => {
		const {session, clock, engine, events} = soak(['p1', 'p2'], {durationMs: 5000});
		const done = session.run();
		const first = await engine.nextCall(0);
		// The clock when the prompts phase began (the fake engine moved it 10 ms into the first prompt).
		const promptsAt = clock.ms - 10;
		first.finish();
		clock.ms = promptsAt + 1500;
		(await engine.nextCall(1)).finish();
		clock.ms = promptsAt + 3000;
		const third = await engine.nextCall(2);
		clock.ms = promptsAt + 5500;
		await new Promise((resolve) => setImmediate(resolve));
		expect(third.options.signal?.aborted).toBe(false);
		third.finish();
		expect(await done).toBe('done');
		expect(engine.calls).toHaveLength(3);
		expect(starts(events)).toEqual([
			['p1', 1, 0, 0],
			['p2', 1, 1, 0],
			['p1', 2, 2, 0],
		]);
		expect(ofType(events, 'prompt-end').map((event) => event.status)).toEqual(['ok', 'ok', 'ok']);
		expect(reportFromEvents(events).metrics.passes).toEqual({started: 2, complete: 1});
	});

	it('a stop mid-soak aborts the running prompt and ends incomplete, the passes so far in the report', async () => {
		const {session, engine, events} = soak(['p1', 'p2'], {repeat: 5});
		const done = session.run();
		for (let i = 0; i < 2; i++) (await engine.nextCall(i)).finish();
		await engine.nextCall(2);
		session.stop('interrupted');
		expect(await done).toBe('interrupted');
		expect(ofType(events, 'prompt-end').map((event) => [event.promptId, event.status])).toEqual([
			['p1', 'ok'],
			['p2', 'ok'],
			['p1', 'aborted'],
		]);
		expect(ofType(events, 'run-end')).toEqual([expect.objectContaining({reason: 'interrupted', complete: false})]);
		const report = reportFromEvents(events);
		expect(report.complete).toBe(false);
		expect(report.metrics.passes).toEqual({started: 2, complete: 1});
		expect(report.prompts.map((row) => row.pass)).toEqual([1, 1, 2]);
	});
});
