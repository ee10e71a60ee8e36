import {join} from 'node:path';
import {JinjaTemplateChatWrapper, type LlamaModel} from 'node-llama-cpp';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {checkGgufFile} from '../../src/engine/gguf-check.js';
import {BadHyperparameterError, ChatTemplateTimeoutError, CorruptModelError, EngineError, TruncatedModelError} from '../../src/engine/errors.js';
import {renderPrompt} from '../../src/engine/chat-prompt.js';
import {loadBinding} from '../../src/engine/llama-binding.js';
import {openEngine} from '../../src/engine/open-engine.js';
import {resolveModel} from '../../src/engine/resolve-model.js';
import type {GgufKv} from '../../src/synth/gguf-encode.js';
import {runCli} from '../e2e/helpers.js';
import {needsBuild} from '../setup/skip.js';
import {HOSTILE_HEADERS, setKv, writeBytes, writeCraftedTiny} from './crafted-gguf.js';
import {tempCache} from './test-model.js';

const {cacheDir: dir, cleanup} = tempCache();
afterAll(cleanup);

async function refusal(path: string, check: (p: string) => Promise<unknown>): Promise<EngineError> {
	const error = await check(path).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error, `${path} was accepted`).toBeInstanceOf(EngineError);
	const e = error as EngineError;
	expect(e.message).not.toContain('\n');
	return e;
}

describe('bounded header pre-reader: hostile headers are refused before node-llama-cpp reads them', () => {
	it.each(Object.entries(HOSTILE_HEADERS))('%s', async (name, make) => {
		const path = join(dir, `${name.replace(/\W+/g, '-')}.gguf`);
		await writeBytes(path, make());
		const error = await refusal(path, checkGgufFile);
		expect(
			[TruncatedModelError, CorruptModelError].some((kind) => error instanceof kind),
			error.message,
		).toBe(true);
		expect(error.message).toMatch(/at byte \d+/);
	});

	it('a split name claiming 99999 parts is refused at the first missing part', async () => {
		const path = join(dir, 'split-00001-of-99999.gguf');
		await writeCraftedTiny(path);
		const error = await refusal(path, checkGgufFile);
		expect(error).toBeInstanceOf(TruncatedModelError);
		expect(error.message).toMatch(/part 2 of 99999 is missing: .*split-00002-of-99999\.gguf/);
	});
});

const renamedByteTokens = (kvs: GgufKv[]): GgufKv[] =>
	kvs.map((kv) =>
		kv.key === 'tokenizer.ggml.tokens' && kv.value.type === 'array' && kv.value.itemType === 'string'
			? {key: kv.key, value: {type: 'array', itemType: 'string', values: kv.value.values.map((t) => (/^<0x[0-9A-F]{2}>$/.test(t) ? `byte${t}` : t))}}
			: kv,
	);

/** The hparams llama.cpp (v0.4.0) GGML_ASSERTs on or misuses, each in an otherwise loadable tiny model. */
const HPARAM_CASES: [string, (kvs: GgufKv[]) => GgufKv[], RegExp][] = [
	['block_count 0', setKv('llama.block_count', {type: 'uint32', value: 0}), /llama\.block_count = 0/],
	['block_count 513', setKv('llama.block_count', {type: 'uint32', value: 513}), /llama\.block_count = 513/],
	['head_count 0', setKv('llama.attention.head_count', {type: 'uint32', value: 0}), /llama\.attention\.head_count = 0/],
	['head_count_kv not dividing head_count', setKv('llama.attention.head_count_kv', {type: 'uint32', value: 3}), /head_count_kv = 3/],
	['feed_forward_length 0', setKv('llama.feed_forward_length', {type: 'uint32', value: 0}), /llama\.feed_forward_length = 0/],
	['expert_count 2000', setKv('llama.expert_count', {type: 'uint32', value: 2000}), /llama\.expert_count = 2000/],
	['rms epsilon NaN', setKv('llama.attention.layer_norm_rms_epsilon', {type: 'float32', value: Number.NaN}), /layer_norm_rms_epsilon = NaN/],
	['rope scaling type "bogus"', setKv('llama.rope.scaling.type', {type: 'string', value: 'bogus'}), /rope\.scaling\.type = "bogus"/],
	['tokenizer "bert" on llama', setKv('tokenizer.ggml.model', {type: 'string', value: 'bert'}), /tokenizer\.ggml\.model = "bert"/],
	['tokenizer "wordpiece2"', setKv('tokenizer.ggml.model', {type: 'string', value: 'wordpiece2'}), /tokenizer\.ggml\.model = "wordpiece2"/],
	['SPM vocabulary without byte tokens', renamedByteTokens, /no <0x00> token/],
];

describe('hparams llama.cpp asserts on are refused with the key and value', () => {
	beforeAll(async () => {
		await writeCraftedTiny(join(dir, 'control.gguf'));
		for (const [name, edit] of HPARAM_CASES) await writeCraftedTiny(join(dir, `${name.replace(/\W+/g, '-')}.gguf`), edit);
	}, 60_000);

	it('the unmodified crafted model passes every check (the cases below differ by one key)', async () => {
		const resolved = await resolveModel(join(dir, 'control.gguf'));
		expect(resolved.facts.path).toBe(join(dir, 'control.gguf'));
	});

	it.each(HPARAM_CASES)('%s', async (name, _edit, message) => {
		const error = await refusal(join(dir, `${name.replace(/\W+/g, '-')}.gguf`), (p) => resolveModel(p));
		expect(error).toBeInstanceOf(BadHyperparameterError);
		expect(error.message).toMatch(message);
	});

	it.skipIf(needsBuild())(
		'through the CLI: exit 2 and one line, no stack trace; the control model runs',
		async () => {
			const fast = ['--headless', '--idle', '0', '--suite', 'smoke', '--no-canary', '--threads', '1'];
			const control = await runCli(['run', '--model', join(dir, 'control.gguf'), ...fast]);
			expect([0, 1, 3], control.stderr).toContain(control.code);
			for (const name of ['block_count 513', 'rms epsilon NaN', 'SPM vocabulary without byte tokens']) {
				const result = await runCli(['run', '--model', join(dir, `${name.replace(/\W+/g, '-')}.gguf`), ...fast]);
				expect(result.code, `${name}: ${result.stderr}`).toBe(2);
				expect(result.stderr.trimEnd().split('\n'), name).toHaveLength(1);
				expect(result.stderr).toMatch(/^llmtop: model .* has /);
			}
		},
		120_000,
	);
});

describe('chat templates are rendered with a time bound', () => {
	it('a looping Jinja template is replaced by the General wrapper with a warning, and the run goes on', async () => {
		const path = join(dir, 'looping-template.gguf');
		await writeCraftedTiny(path, setKv('tokenizer.chat_template', {type: 'string', value: '{% for i in range(100000000) %}{{ i }}{% endfor %}'}));
		const warnings: string[] = [];
		const engine = await openEngine({model: path, threads: 1, contextSize: 256, onLog: (level, message) => level === 'warn' && warnings.push(message)});
		try {
			expect(engine.model.chatTemplate).toMatch(/^General \(the model's chat template did not render within \d+ ms\)$/);
			expect(warnings.join('\n')).toMatch(/chat template did not render/);
		} finally {
			await engine.dispose();
		}
	}, 60_000);
});

/** A plain chat format that loops (10^10 iterations, in small ranges so the time bound, not the heap, stops it) when `when` holds. */
const loopingWhen = (when: string): string =>
	`{% if ${when} %}{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}{% endif %}{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}{% if add_generation_prompt %}assistant: {% endif %}`;
const NO_SYSTEM = "messages[0]['role'] != 'system'";
/** A history only node-llama-cpp's wrapper resolution renders: neither the probe's samples nor the Jinja wrapper's own sanity test do. */
const RESOLUTION_ONLY = "messages|length == 4 and messages[0]['role'] == 'user'";

describe('each render of a chat template is bounded, not only the first sample', () => {
	let model: LlamaModel | undefined;
	beforeAll(async () => {
		const path = join(dir, 'template-host.gguf');
		await writeCraftedTiny(path, setKv('tokenizer.chat_template', {type: 'string', value: loopingWhen('false')}));
		const {llama} = await loadBinding({gpu: false, build: 'prebuilt'});
		model = await llama.loadModel({modelPath: path, gpuLayers: 0});
	}, 60_000);
	afterAll(async () => {
		await model?.dispose();
	});

	it('a prompt the template cannot render in time fails with ChatTemplateTimeoutError; one it can renders', () => {
		const setup = {wrapper: new JinjaTemplateChatWrapper({template: loopingWhen(NO_SYSTEM)}), description: 'test', renderMs: 1000};
		const rendered = renderPrompt(setup, model!, {id: 'with-system', prompt: 'Hello', system: 'Be brief.'});
		expect(model!.detokenize(rendered.tokens)).toMatch(/^system: Be brief\. ?\nuser: Hello ?\nassistant: $/);
		let error: unknown;
		try {
			renderPrompt(setup, model!, {id: 'no-system', prompt: 'Hello'});
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ChatTemplateTimeoutError);
		expect((error as Error).message).toBe('the model\'s chat template did not render prompt "no-system" within 1000 ms');
	}, 60_000);

	it("a template that loops only on a history node-llama-cpp's resolution renders (two user turns, no system) falls back to General, and prompts run", async () => {
		const path = join(dir, 'looping-on-resolution-history.gguf');
		await writeCraftedTiny(path, setKv('tokenizer.chat_template', {type: 'string', value: loopingWhen(RESOLUTION_ONLY)}));
		const warnings: string[] = [];
		const engine = await openEngine({model: path, threads: 1, contextSize: 256, onLog: (level, message) => level === 'warn' && warnings.push(message)});
		try {
			expect(engine.model.chatTemplate).toMatch(/^General \(the model's chat template did not resolve within \d+ ms\)$/);
			expect(warnings.join('\n')).toMatch(/chat template did not resolve/);
			const result = await engine.runPrompt({id: 'plain', prompt: 'Hello'}, {temperature: 0, topP: 1, maxTokens: 2});
			expect(result.status, result.error).toBe('ok');
		} finally {
			await engine.dispose();
		}
	}, 60_000);

	it('the probe renders a turn without a system message too: a template hanging there falls back to General, and prompts run', async () => {
		const path = join(dir, 'looping-without-system.gguf');
		await writeCraftedTiny(path, setKv('tokenizer.chat_template', {type: 'string', value: loopingWhen(NO_SYSTEM)}));
		const engine = await openEngine({model: path, threads: 1, contextSize: 256});
		try {
			expect(engine.model.chatTemplate).toMatch(/^General \(the model's chat template did not render within \d+ ms\)$/);
			const result = await engine.runPrompt({id: 'plain', prompt: 'Hello'}, {temperature: 0, topP: 1, maxTokens: 2});
			expect(result.status, result.error).toBe('ok');
		} finally {
			await engine.dispose();
		}
	}, 60_000);
});
