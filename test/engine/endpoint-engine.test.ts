/**
 * The endpoint engine against a small fake OpenAI-compatible server (faults
 * on demand: chunking, HTTP errors, a death mid-answer, a launch that exits
 * at once). The real llama-server runs in test/e2e/endpoint-server.test.ts.
 */
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {
	EndpointUnreachableError,
	freePort,
	LaunchFailedError,
	LaunchTimeoutError,
	NotOpenAiEndpointError,
	openEndpointEngine,
	PidError,
	type EndpointOptions,
} from '../../src/engine/endpoint/index.js';
import type {Engine, PromptResult} from '../../src/engine/index.js';
import {waitExited} from '../sampler/child-helpers.js';

const FAKE = fileURLToPath(new URL('../fixtures/servers/fake-openai-server.mjs', import.meta.url));
const launch = (mode: string): string => `'${process.execPath}' '${FAKE}' {port} ${mode}`;
const base: Omit<EndpointOptions, 'launch'> = {threads: 1, contextSize: 256, batchSize: 64, launchTimeoutMs: 20_000};
const open: Engine[] = [];

afterEach(async () => {
	for (const engine of open.splice(0)) await engine.dispose();
});

async function start(mode: string, extra: Partial<EndpointOptions> = {}): Promise<{engine: Engine; pids: number[]}> {
	const pids: number[] = [];
	const engine = await openEndpointEngine({...base, launch: launch(mode), onProcess: (pid) => pids.push(pid), ...extra});
	open.push(engine);
	return {engine, pids};
}

async function prompt(
	engine: Engine,
	maxTokens = 8,
): Promise<{result: PromptResult; tokens: {index: number; text: string; t: number}[]; promptTokens: number[]}> {
	const tokens: {index: number; text: string; t: number}[] = [];
	const promptTokens: number[] = [];
	const result = await engine.runPrompt(
		{id: 'p', prompt: 'Hi'},
		{
			temperature: 0,
			topP: 1,
			maxTokens,
			onPromptTokens: (n) => promptTokens.push(n),
			onToken: (index, text, t) => tokens.push({index, text, t}),
		},
	);
	return {result, tokens, promptTokens};
}

describe('endpoint engine (fake server)', () => {
	it('--launch: starts the server, streams tokens stamped on arrival, reports the target, stops the group on dispose', async () => {
		const {engine, pids} = await start('ok');
		expect(pids).toHaveLength(1);
		expect(engine.target).toMatchObject({kind: 'endpoint', launched: true, pid: pids[0], server: {name: 'fake'}, serverModel: 'fake-model'});
		expect(engine.target?.command?.[2]).toMatch(/^\d+$/);
		expect(engine.loadMs).toBeGreaterThan(0);
		const {result, tokens, promptTokens} = await prompt(engine);
		expect(result).toMatchObject({status: 'ok', outputTokens: 8, promptTokens: 7, stopReason: 'max-tokens'});
		expect(result.stream).toEqual({events: 8, tokens: 8, multiTokenEvents: 0, mergedTokens: 0, countedBy: 'server-timings'});
		expect(promptTokens).toEqual([7]);
		expect(tokens.map((token) => token.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		for (let i = 1; i < tokens.length; i++) expect(tokens[i]!.t).toBeGreaterThan(tokens[i - 1]!.t);
		expect(result.response).toBe(tokens.map((token) => token.text).join(''));
		await engine.dispose();
		expect(await waitExited(pids[0]!)).toBe(true);
	});

	it('counts events carrying two tokens; those tokens share one arrival time', async () => {
		const {engine} = await start('chunked');
		const {result, tokens} = await prompt(engine, 10);
		expect(result.outputTokens).toBe(10);
		expect(result.stream?.multiTokenEvents).toBeGreaterThan(0);
		expect(result.stream?.mergedTokens).toBe(result.stream!.tokens - result.stream!.events);
		const shared = tokens.filter((token, i) => i > 0 && token.t === tokens[i - 1]!.t);
		expect(shared).toHaveLength(result.stream!.mergedTokens);
	});

	it("an HTTP error is an error prompt with the server's message; the engine goes on", async () => {
		const {engine} = await start('http500');
		const {result} = await prompt(engine);
		expect(result).toMatchObject({status: 'error', errorName: 'EndpointHttpError'});
		expect(result.error).toMatch(/HTTP 500 .*out of memory/);
		expect((await prompt(engine)).result.status).toBe('error');
	});

	it('a server that dies mid-answer: the prompt is an error naming the death, and `gone` says how', async () => {
		const {engine} = await start('die-mid');
		expect((await prompt(engine)).result.status).toBe('ok');
		const {result, tokens} = await prompt(engine);
		expect(result).toMatchObject({status: 'error', errorName: 'ServerDiedError'});
		expect(result.error).toMatch(/the server died: exit code 9/);
		expect(tokens.length).toBe(result.outputTokens);
		expect(await engine.gone).toBe('exit code 9');
	});

	it('a launch command that exits at once: LaunchFailedError with its stderr tail', async () => {
		const error = await openEndpointEngine({...base, launch: launch('exit-now')}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LaunchFailedError);
		expect((error as Error).message).toMatch(/exited before it was ready \(exit code 3\).*failed to open model file/);
		const missing = await openEndpointEngine({...base, launch: '/nonexistent/llama-server --port {port}'}).catch((e: unknown) => e);
		expect((missing as Error).message).toMatch(/not found/);
	});

	it('a server not ready within --launch-timeout: LaunchTimeoutError, and its group is stopped', async () => {
		const pids: number[] = [];
		const error = await openEndpointEngine({...base, launch: launch('slow-ready'), launchTimeoutMs: 300, onProcess: (pid) => pids.push(pid)}).catch(
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(LaunchTimeoutError);
		expect(await waitExited(pids[0]!)).toBe(true);
	});

	it('--endpoint: refused connections and non-OpenAI servers are one-line errors', async () => {
		const port = await freePort();
		await expect(openEndpointEngine({...base, endpoint: `http://127.0.0.1:${port}`})).rejects.toThrow(EndpointUnreachableError);
		const other = spawn(process.execPath, [FAKE, String(port), 'no-openai'], {stdio: 'ignore'});
		try {
			let error: unknown;
			for (let i = 0; i < 100; i++) {
				error = await openEndpointEngine({...base, endpoint: `http://127.0.0.1:${port}/v1`}).catch((e: unknown) => e);
				if (!(error instanceof EndpointUnreachableError)) break;
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			expect(error).toBeInstanceOf(NotOpenAiEndpointError);
			expect((error as Error).message).toMatch(/404/);
		} finally {
			other.kill('SIGKILL');
		}
	});

	it('--pid of no process: PidError', async () => {
		await expect(openEndpointEngine({...base, endpoint: 'http://127.0.0.1:1', pid: 2 ** 22 + 4321})).rejects.toThrow(PidError);
	});
});
