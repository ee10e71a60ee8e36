/**
 * `Session` with an endpoint target, through its `openEngine` seam: a fake
 * server engine whose death and stream counts the test controls (the real
 * llama-server runs in test/e2e/endpoint-server.test.ts).
 */
import {describe, expect, it} from 'vitest';
import {ServerDiedError} from '../../src/engine/endpoint/errors.js';
import type {Engine, PromptResult, RunPromptOptions} from '../../src/engine/index.js';
import {defaultCriteria} from '../../src/run/criteria.js';
import type {RunEvent} from '../../src/run/events.js';
import type {StreamCounts, TargetInfo} from '../../src/run/types.js';
import {Session} from '../../src/session/session.js';
import {buildReport} from '../../src/report/report.js';
import type {SuitePrompt} from '../../src/suite/index.js';
import {CONFIG, HOST} from './fixtures.js';

const TARGET: TargetInfo = {kind: 'endpoint', url: 'http://127.0.0.1:1', launched: false};

/** A server engine: prompts answer at once with the given stream counts, or as the server's death; `die()` ends the server. */
class FakeServer implements Engine {
	readonly model = {
		ref: 'srv',
		path: '',
		name: 'srv-model',
		architecture: 'unknown',
		quantization: 'unknown',
		sizeBytes: 0,
		parameterCount: 0,
		synthetic: false,
	};
	readonly engine = {
		llamaCppRelease: 'b1',
		llamaCppRepo: '',
		build: 'server' as const,
		requestedBuild: 'prebuilt' as const,
		cmakeOptions: {},
		gpu: false as const,
		cpuMathCores: 0,
		systemInfo: '',
	};
	readonly threads = 1;
	readonly contextSize = 256;
	readonly batchSize = 64;
	readonly gpuLayers = 0;
	readonly loadMs = 0;
	readonly timings = {resolveMs: 0, bindingMs: 0, modelMs: 0, contextMs: 0};
	readonly memory = {beforeModelBytes: 0, afterModelBytes: 0, afterContextBytes: 0};
	readonly target: TargetInfo = {...TARGET, server: {name: 'fake server', version: 'b1'}, serverModel: 'srv-model'};
	readonly gone: Promise<string>;
	die!: (why: string) => void;
	prompts = 0;

	constructor(private readonly answer: (n: number) => Partial<PromptResult>) {
		this.gone = new Promise((resolve) => (this.die = resolve));
	}

	countTokens(): number {
		return 0;
	}

	async runPrompt(_input: unknown, options: RunPromptOptions): Promise<PromptResult> {
		this.prompts++;
		options.onPromptTokens?.(3);
		options.onToken?.(0, 'a', options.now?.() ?? 0);
		options.onToken?.(1, '', options.now?.() ?? 0);
		return {status: 'ok', response: 'a', promptTokens: 3, outputTokens: 2, ...this.answer(this.prompts)};
	}

	async dispose(): Promise<void> {}

	async [Symbol.asyncDispose](): Promise<void> {}
}

function prompt(id: string): SuitePrompt {
	return {id, prompt: id, tags: [], weight: 1, checks: []};
}

function session(server: FakeServer, ids: string[], idleSeconds = 0): {session: Session; events: RunEvent[]} {
	const events: RunEvent[] = [];
	const s = new Session({
		plan: {mode: 'run', suite: {name: 'fake', path: 'fake.yaml'}, prompts: ids.map(prompt), maxTokens: 8, maxTokensForced: false},
		config: {...CONFIG, idleSeconds},
		criteria: defaultCriteria(),
		host: HOST,
		modelRef: 'srv',
		engineOptions: {model: 'srv'},
		openEngine: async () => server,
		target: TARGET,
		onEvent: (event) => events.push(event),
	});
	return {session: s, events};
}

const chunked: StreamCounts = {events: 1, tokens: 2, multiTokenEvents: 1, mergedTokens: 1, countedBy: 'server-timings'};

describe('Session with an endpoint target', () => {
	it('records the target, keeps stream counts, warns on chunking, and skips the cost criteria without a PID', async () => {
		const server = new FakeServer(() => ({stream: chunked}));
		const {session: s, events} = session(server, ['p1', 'p2']);
		expect(await s.run()).toBe('done');
		expect(events[0]).toMatchObject({type: 'run-start', target: TARGET});
		expect(events.find((e) => e.type === 'model-loaded')).toMatchObject({target: {server: {name: 'fake server'}}, engine: {engineBuild: 'server'}});
		expect(events.some((e) => e.type === 'sample')).toBe(false);
		const report = buildReport(s.store);
		expect(report.target).toMatchObject({kind: 'endpoint', serverModel: 'srv-model'});
		expect(report.stream).toEqual({events: 2, tokens: 4, multiTokenEvents: 2, mergedTokens: 2, countedBy: 'server-timings', itlDistorted: true});
		expect(report.warnings.filter((w) => w.code === 'itl-chunked')).toHaveLength(1);
		expect(report.criteria.find((c) => c.id === 'active-cpu-mean')).toMatchObject({status: 'skip', reason: expect.stringMatching(/^no server PID/)});
	});

	it('a server that dies during the prompts: that prompt is an error, the rest not run, the run ends `error` naming the death', async () => {
		const server = new FakeServer((n) => (n === 2 ? {status: 'error', errorName: 'ServerDiedError', error: 'the server died: exit code 9'} : {}));
		const {session: s} = session(server, ['p1', 'p2', 'p3']);
		expect(await s.run()).toBe('error');
		const report = buildReport(s.store);
		expect(report.prompts.map((p) => p.status)).toEqual(['ok', 'error', 'not-run']);
		expect(report).toMatchObject({complete: false, endReason: 'error'});
		expect(s.store.runEnd?.message).toBe('the server died: exit code 9');
		expect(report.warnings.map((w) => w.code)).toContain('server-died');
	});

	it('a server that dies before the first prompt is a ServerDiedError (exit 2)', async () => {
		const server = new FakeServer(() => ({}));
		const {session: s} = session(server, ['p1'], 30);
		const done = s.run();
		await new Promise((resolve) => setTimeout(resolve, 50));
		server.die('exit code 1');
		await expect(done).rejects.toThrow(ServerDiedError);
		expect(server.prompts).toBe(0);
		expect(s.store.runEnd).toMatchObject({reason: 'error', message: expect.stringMatching(/exit code 1 \(before the first prompt\)/)});
	});
});
