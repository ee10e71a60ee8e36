import {describe, expect, it} from 'vitest';
import {itlDistorted} from '../../src/run/stream-figures.js';
import {
	BadEndpointUrlError,
	BadLaunchCommandError,
	launchArgv,
	parseChunk,
	parseEndpointUrl,
	splitCommand,
	SseParser,
	TokenAccounting,
} from '../../src/engine/endpoint/index.js';

describe('SseParser', () => {
	it('splits events on blank lines across chunk boundaries, LF, CRLF and CR, and ignores comments', () => {
		const parser = new SseParser();
		expect(parser.feed('data: {"a"')).toEqual([]);
		expect(parser.feed(':1}\r')).toEqual([]);
		expect(parser.feed('\n\r\n')).toEqual([{data: '{"a":1}'}]);
		expect(parser.feed(': keep-alive\n\ndata: x\ndata: y\n\nevent: e\rdata:z\r\r')).toEqual([{data: 'x\ny'}, {event: 'e', data: 'z'}]);
	});

	it('refuses a line longer than its bound instead of growing', () => {
		const parser = new SseParser(16);
		expect(() => parser.feed('data: ' + 'x'.repeat(64))).toThrow(RangeError);
	});
});

describe('parseChunk and TokenAccounting', () => {
	const chunk = (content: string | null, predicted?: number, extra: object = {}): string =>
		JSON.stringify({
			choices: [{delta: content === null ? {} : {content}, finish_reason: null}],
			...(predicted === undefined ? {} : {timings: {predicted_n: predicted, prompt_n: 5, cache_n: 2}}),
			...extra,
		});

	it('reads content, prompt tokens (processed + cached) and the running token count', () => {
		expect(parseChunk(chunk('hi', 3))).toEqual({content: 'hi', finishReason: null, predictedN: 3, promptTokens: 7});
		expect(parseChunk(JSON.stringify({error: {message: 'boom'}}))).toMatchObject({error: 'boom'});
		expect(() => parseChunk('<html>')).toThrow(/not JSON/);
		expect(() => parseChunk('{"object":"x"}')).toThrow(/no choices/);
	});

	it('counts tokens per event exactly from predicted_n: held-back tokens arrive merged', () => {
		const accounting = new TokenAccounting();
		expect(accounting.arrive(parseChunk(chunk(null, 0)))).toBe(0);
		expect(accounting.arrive(parseChunk(chunk('a', 1)))).toBe(1);
		expect(accounting.arrive(parseChunk(chunk('', 2)))).toBe(0);
		expect(accounting.arrive(parseChunk(chunk('bc', 3)))).toBe(2);
		expect(accounting.arrive(parseChunk(chunk('d', 4)))).toBe(1);
		expect(accounting.finish()).toEqual({events: 3, tokens: 4, multiTokenEvents: 1, mergedTokens: 1, countedBy: 'server-timings'});
	});

	it('without timings, checks the events against usage.completion_tokens (one token of slack for the end)', () => {
		const exact = new TokenAccounting();
		for (const text of ['a', 'b', 'c']) exact.arrive(parseChunk(chunk(text)));
		exact.arrive(parseChunk(JSON.stringify({choices: [], usage: {completion_tokens: 4, prompt_tokens: 3}})));
		expect(exact.finish()).toMatchObject({tokens: 3, mergedTokens: 0, countedBy: 'usage'});
		const merged = new TokenAccounting();
		for (const text of ['a', 'b', 'c']) merged.arrive(parseChunk(chunk(text)));
		merged.arrive(parseChunk(JSON.stringify({choices: [], usage: {completion_tokens: 9}})));
		expect(merged.finish()).toMatchObject({mergedTokens: 5, countedBy: 'usage'});
	});

	it.each([
		[{tokens: 0, mergedTokens: 0}, false],
		[{tokens: 1000, mergedTokens: 10}, false],
		[{tokens: 1000, mergedTokens: 11}, true],
		[{tokens: 10, mergedTokens: 5}, true],
	])('itlDistorted(%o) is %s', (counts, expected) => {
		expect(itlDistorted(counts)).toBe(expected);
	});
});

describe('--endpoint and --launch parsing', () => {
	it('takes the base URL with or without /v1', () => {
		for (const text of ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/', 'http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1/']) {
			expect(parseEndpointUrl(text).chat.href).toBe('http://127.0.0.1:8080/v1/chat/completions');
		}
		expect(parseEndpointUrl('https://h/proxy/v1').root.href).toBe('https://h/proxy/');
		for (const bad of ['localhost:8080', 'ftp://h', 'http://h/?a=1', '']) expect(() => parseEndpointUrl(bad)).toThrow(BadEndpointUrlError);
	});

	it('splits a command without a shell and fills placeholders inside words', () => {
		expect(splitCommand(`a 'b c' "d \\"e\\"" f\\ g $HOME;rm`)).toEqual(['a', 'b c', 'd "e"', 'f g', '$HOME;rm']);
		const values = {model: '/m/my model.gguf', threads: 2, ctx: 512, batch: 64, host: '127.0.0.1', port: 4321};
		expect(launchArgv('srv -m {model} -t {threads} -c {ctx} -b {batch} --host {host} --port={port}', values)).toEqual([
			'srv',
			'-m',
			'/m/my model.gguf',
			'-t',
			'2',
			'-c',
			'512',
			'-b',
			'64',
			'--host',
			'127.0.0.1',
			'--port=4321',
		]);
	});

	it.each([
		['', /empty command|must contain \{port\}/],
		['srv --port 8080', /must contain \{port\}/],
		['srv {port} {gpu}', /unknown placeholder \{gpu\}/],
		["srv {port} 'open", /unbalanced/],
	])('refuses %j', (text, message) => {
		expect(() => launchArgv(text, {threads: 1, ctx: 1, batch: 1, host: 'h', port: 1})).toThrow(BadLaunchCommandError);
		expect(() => launchArgv(text, {threads: 1, ctx: 1, batch: 1, host: 'h', port: 1})).toThrow(message);
	});

	it('{model} needs --model', () => {
		expect(() => launchArgv('srv -m {model} --port {port}', {threads: 1, ctx: 1, batch: 1, host: 'h', port: 1})).toThrow(/needs --model/);
	});
});
