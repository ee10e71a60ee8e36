import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import type {LlamaModel} from 'node-llama-cpp';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {planLlamaModel} from '../../src/synth/model-plan.js';
import {findPreset} from '../../src/synth/presets.js';
import {buildVocabulary, MIN_VOCABULARY_SIZE, SPACE_MARK, TokenType} from '../../src/synth/vocab.js';
import {writePlan} from '../../src/synth/write-plan.js';
import {cpuLlama, tempDir} from './helpers.js';

const HELD_OUT = readFileSync(new URL('./fixtures/held-out-english.txt', import.meta.url), 'utf8');
const WORDS = HELD_OUT.split(/\s+/).filter(Boolean).length;

describe('vocabulary structure', () => {
	const vocabulary = buildVocabulary(24576);

	it('has exactly the requested size, unique tokens and the fixed tokens first', () => {
		expect(vocabulary.tokens.length).toBe(24576);
		expect(new Set(vocabulary.tokens).size).toBe(24576);
		expect(vocabulary.tokens.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>']);
		expect(vocabulary.tokens[258]).toBe('<0xFF>');
		expect([...vocabulary.types.slice(0, 4)]).toEqual([TokenType.unknown, TokenType.control, TokenType.control, TokenType.byte]);
		expect(vocabulary).toMatchObject({unkId: 0, bosId: 1, eosId: 2});
	});

	it('has every prefix of every piece, so llama.cpp can merge its way to it', () => {
		const index = new Set(vocabulary.tokens);
		for (const [i, token] of vocabulary.tokens.entries()) {
			if (vocabulary.types[i] !== TokenType.normal || token.length < 2) continue;
			expect(index.has(token.slice(0, -1)), token).toBe(true);
		}
	});

	it('scores frequent pieces higher', () => {
		const id = (text: string): number => vocabulary.tokens.indexOf(text);
		expect(vocabulary.scores[id(`${SPACE_MARK}the`)]!).toBeGreaterThan(vocabulary.scores[id(`${SPACE_MARK}security`)]!);
		expect(id(`${SPACE_MARK}how`)).toBeGreaterThan(0);
		expect(id(`${SPACE_MARK}The`)).toBeGreaterThan(0);
	});

	it('is deterministic and cached per size', () => {
		expect(buildVocabulary(24576)).toBe(vocabulary);
		const other = buildVocabulary(24577);
		expect(other.tokens.slice(0, 24576)).toEqual(vocabulary.tokens);
	});

	it('fills large vocabularies with stand-ins for other languages, not more English', () => {
		const large = buildVocabulary(151936);
		expect(large.tokens.length).toBe(151936);
		expect(large.tokens.some((token) => /[а-я]/.test(token))).toBe(true);
	});

	it('adds ChatML control tokens on request', () => {
		const chat = buildVocabulary(4096, {chatml: true});
		expect(chat.chatml).toBeDefined();
		expect(chat.tokens[chat.chatml!.imStartId]).toBe('<|im_start|>');
		expect(chat.types[chat.chatml!.imEndId]).toBe(TokenType.control);
	});

	it('refuses sizes below the minimum', () => {
		expect(() => buildVocabulary(MIN_VOCABULARY_SIZE - 1)).toThrow(RangeError);
	});
});

describe('tokenization rate with llama.cpp on held-out English', () => {
	let dir: string;
	let cleanup: () => Promise<void>;
	const models = new Map<number, LlamaModel>();

	beforeAll(async () => {
		({dir, cleanup} = await tempDir());
		const llama = await cpuLlama();
		for (const vocabSize of [findPreset('tiny')!.shape.vocabSize, 32000, 49152, 128256]) {
			const plan = planLlamaModel({
				name: 'synthetic vocabulary probe',
				origin: 'test',
				quant: 'Q8_0',
				seed: 0,
				shape: {
					vocabSize,
					embeddingLength: 32,
					blockCount: 1,
					feedForwardLength: 32,
					headCount: 1,
					headCountKv: 1,
					contextLength: 512,
					ropeFreqBase: 10000,
					rmsEpsilon: 1e-5,
					tiedEmbeddings: true,
				},
			});
			const {path} = await writePlan(join(dir, `vocab-${vocabSize}.gguf`), plan);
			models.set(vocabSize, await llama.loadModel({modelPath: path}));
		}
	});

	afterAll(async () => {
		for (const model of models.values()) await model.dispose();
		await cleanup();
	});

	it.each([24576, 32000, 49152, 128256])('a %d-token vocabulary gives 1.2-1.6 tokens per word', (size) => {
		const tokens = models.get(size)!.tokenize(HELD_OUT);
		const rate = tokens.length / WORDS;
		expect(rate).toBeGreaterThanOrEqual(1.2);
		expect(rate).toBeLessThanOrEqual(1.6);
	});

	it('gets cheaper as the vocabulary grows', () => {
		const rates = [24576, 32000, 49152, 128256].map((size) => models.get(size)!.tokenize(HELD_OUT).length);
		expect([...rates].sort((a, b) => b - a)).toEqual(rates);
	});

	it('keeps common words whole and round-trips any text through byte fallback', () => {
		const model = models.get(32000)!;
		expect(model.tokenize('security').length).toBe(1);
		expect(model.tokenize('The network').length).toBe(2);
		for (const text of [HELD_OUT.slice(0, 300), 'naïve café – 東京 🙂\n\ttabs', 'x = a[0] + 42; // code']) {
			expect(model.detokenize(model.tokenize(text))).toBe(text);
		}
	});
});
