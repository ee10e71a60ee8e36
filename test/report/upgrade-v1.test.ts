import {readFileSync} from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';
import {describe, expect, it} from 'vitest';
import {parseEvents} from '../../src/report/events-file.js';
import {readReport} from '../../src/report/read-report.js';
import type {Report} from '../../src/report/types.js';
import {upgradeConfigV1, upgradeReportV1, upgradeRunStartV1} from '../../src/report/upgrade-v1.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({allErrors: true, strict: true}).compile<Report>(schema);
const fixture = (name: string): URL => new URL(`../fixtures/${name}`, import.meta.url);
const json = (url: URL): Record<string, unknown> => JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;

describe('upgradeReportV1', () => {
	it.each(['base', 'improved', 'other-suite', 'regressed', 'scored'])('turns the @1 fixture %s into a valid @2 report, figures untouched', (name) => {
		const v1 = json(fixture(`reports/${name}.json`));
		expect(v1['schema']).toBe('llmtop/report@1');
		const before = JSON.stringify(v1);
		const v2 = upgradeReportV1(v1);
		expect(JSON.stringify(v1)).toBe(before);
		expect(v2['schema']).toBe('llmtop/report@2');
		expect(v2['config']).toEqual(v1['config']);
		expect(v2['metrics']).toEqual(v1['metrics']);
		expect(validate(v2)).toBe(true);
		expect(validate.errors ?? []).toEqual([]);
	});

	it('fills the figures added to @1 after its release with null', () => {
		const v1 = json(fixture('reports/base.json'));
		const {canary: _c, psi: _p, loadWorkers: _l, returnToIdleMs: _r, ...early} = v1['metrics'] as Record<string, unknown>;
		const v2 = upgradeReportV1({...v1, metrics: early});
		expect(v2['metrics']).toMatchObject({canary: null, psi: null, loadWorkers: null, returnToIdleMs: null});
	});

	it('leaves what is not an object for the shape check to refuse', () => {
		expect(upgradeReportV1({schema: 'llmtop/report@1', config: 'x', metrics: [1]})).toEqual({schema: 'llmtop/report@2', config: 'x', metrics: [1]});
	});
});

describe('upgradeConfigV1', () => {
	const required = {
		threads: 1,
		contextSize: 2048,
		batchSize: 512,
		gpuLayers: 0,
		temperature: 0,
		topP: 0.95,
		maxTokens: 24,
		intervalMs: 100,
		idleSeconds: 1,
		suite: 's.yaml',
	};

	it('keeps every declared lever of the right type', () => {
		const config = {...required, seed: 7, build: 'local', waitPolicy: 'passive', nice: 5, cpuCapPct: 40, loadWorkers: 2, canary: false, observerNice: 15};
		expect(upgradeConfigV1(config)).toEqual(config);
	});

	it.each([
		['an unknown key', {futureLever: 3}],
		['a mistyped nice', {nice: '5'}],
		['an unknown build', {build: 'gpu'}],
		['an unknown wait policy', {waitPolicy: 'spin'}],
		['a non-boolean canary', {canary: 'yes'}],
		['a non-finite CPU cap', {cpuCapPct: null}],
	])('drops %s (a run that did not record it)', (_name, extra) => {
		expect(upgradeConfigV1({...required, ...extra})).toEqual(required);
	});
});

describe('events@1', () => {
	it('upgradeRunStartV1 names @2 and closes the config of the recorded @1 fixture', () => {
		const first = JSON.parse(readFileSync(fixture('events/tiny-smoke.jsonl'), 'utf8').split('\n')[0]!) as Record<string, unknown>;
		expect(first['schema']).toBe('llmtop/events@1');
		const upgraded = upgradeRunStartV1({...first, config: {...(first['config'] as object), stray: 1}});
		expect(upgraded['schema']).toBe('llmtop/events@2');
		expect(upgraded['config']).toEqual(first['config']);
		expect(first['schema']).toBe('llmtop/events@1');
	});

	it('reading an @1 file yields @2 events, the rest as recorded', () => {
		const text = readFileSync(fixture('events/tiny-smoke.jsonl'), 'utf8');
		const {events, dropped} = parseEvents('tiny-smoke.jsonl', text);
		expect(dropped).toEqual([]);
		expect(events[0]).toMatchObject({type: 'run-start', schema: 'llmtop/events@2'});
		const recorded = text
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => JSON.parse(line) as unknown);
		expect(events.slice(1)).toEqual(recorded.slice(1));
	});
});

describe('report@2 fixture', () => {
	it('reads the same as the @1 fixture it was upgraded from', () => {
		expect(json(fixture('reports/base@2.json'))['schema']).toBe('llmtop/report@2');
		const read = (name: string): Record<string, unknown> => {
			const {_fixture: _note, ...report} = readReport(fixture(`reports/${name}`).pathname) as unknown as Record<string, unknown>;
			return report;
		};
		expect(read('base@2.json')).toEqual(read('base.json'));
	});
});
