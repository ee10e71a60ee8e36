import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {BadModelRefError, EngineAbortedError, NetworkError} from '../../src/engine/errors.js';
import {openEngine} from '../../src/engine/open-engine.js';
import {resolveRemoteModel} from '../../src/engine/resolve-remote.js';
import {tempCache} from './test-model.js';

// This machine has no internet (npm only): hf: lookups fail for real. A
// local server that accepts requests and never answers stands in for a
// network that hangs, with short timeouts.
const {cacheDir, cleanup} = tempCache();
afterAll(cleanup);

/** A server that answers `/` (if `answerRoot`) and leaves every other request hanging. */
async function hangingServer(answerRoot: boolean): Promise<{url: string; server: Server}> {
	const server = createServer((req, res) => {
		if (answerRoot && req.url === '/') res.end('ok');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server};
}

function close(server: Server): Promise<void> {
	server.closeAllConnections();
	return new Promise((resolve) => server.close(() => resolve()));
}

describe('remote model references (hf:, URLs)', () => {
	it('a malformed hf: URI is a BadModelRefError before any network access', async () => {
		for (const model of ['hf:', 'hf:owner', 'hf:owner/repo:a:b', 'hf:own er/repo']) {
			await expect(openEngine({model, cacheDir, networkTimeoutMs: 500}), model).rejects.toThrow(BadModelRefError);
		}
	});

	it('without network, an hf: repo lookup gives up with a NetworkError', async () => {
		const error = await openEngine({model: 'hf:someone/some-model-GGUF:Q4_K_M', cacheDir, networkTimeoutMs: 1500}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NetworkError);
		expect((error as NetworkError).message).toMatch(/^cannot fetch model "hf:someone\/some-model-GGUF:Q4_K_M": /);
		expect((error as NetworkError).message).not.toContain('\n');
	});

	it('a server that never answers is given up on after the timeout', async () => {
		const {url, server} = await hangingServer(false);
		try {
			const error = await resolveRemoteModel(`${url}/model.gguf`, {directory: join(cacheDir, 'url'), timeoutMs: 500}).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NetworkError);
			expect((error as NetworkError).timeoutMs).toBe(500);
		} finally {
			await close(server);
		}
	});

	it('a download that stops making progress is given up on after the timeout', async () => {
		const {url, server} = await hangingServer(true);
		try {
			const error = await resolveRemoteModel(`${url}/model.gguf`, {directory: join(cacheDir, 'url'), timeoutMs: 800}).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NetworkError);
			expect((error as NetworkError).message).toMatch(/no answer within 800 ms/);
		} finally {
			await close(server);
		}
	});

	it('an aborted lookup is an EngineAbortedError', async () => {
		const controller = new AbortController();
		const pending = resolveRemoteModel('hf:someone/some-model/model.Q8_0.gguf', {
			directory: join(cacheDir, 'hf'),
			timeoutMs: 60_000,
			signal: controller.signal,
		});
		controller.abort();
		await expect(pending).rejects.toThrow(EngineAbortedError);
	});
});
