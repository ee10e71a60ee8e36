/**
 * `--only real`: the real model (SmolLM2-135M-Instruct Q4_1, `npm run
 * models:fetch`) beside llmtop's synthetic model of the same shape
 * (`synthetic:smollm2-135m:Q4_0`: same blocks, widths, heads and vocabulary,
 * random weights; synth has no Q4_1) on the same prompts of
 * `endpoint-security.yaml`, greedy, in paired rounds (order rotated): decode
 * tok/s, TTFT, E2E p95, output tokens, the share of answers that ended at EOS
 * before the cap, and correctness (the synthetic model's is `skip`). It shows
 * how far a synthetic model's cost predicts the real one's: the per-token
 * cost should match, while E2E does not (random weights never stop at EOS).
 */
import {builtinSuitePath, loadSuite} from '../src/suite/index.js';
import type {Report} from '../src/report/types.js';
import {runHeadless} from './lib/cli-run.js';
import type {BenchContext, SectionResult} from './lib/context.js';
import {findRealModel} from './lib/real-model.js';
import {reportFigures} from './lib/run-figures.js';
import {roundOrder, spread, pairedRatios} from './lib/stats.js';
import {figureRow, missingRow, type BenchRow} from './lib/table.js';

/** The synthetic model of the real model's shape. */
export const SYNTHETIC_TWIN = 'synthetic:smollm2-135m:Q4_0';

/** Settings of the section. */
export interface RealBenchSettings {
	threads: number;
	rounds: number;
	/** Tags of the suite's prompts to run (`--tags`); all prompts when absent. */
	tags?: string[];
}

interface RealRun {
	model: 'real' | 'synthetic';
	round: number;
	decodeTokPerSec: number | null;
	ttftMs: number | null;
	e2eP95Ms: number | null;
	outputTokensMean: number | null;
	eosShare: number | null;
	correctness: number | null;
	gamedCeiling: number | null;
	scores: Record<string, number | null>;
}

/** Runs the section; an absent real model gives `n/a` rows saying how to fetch it. */
export async function benchReal(ctx: BenchContext, settings: RealBenchSettings): Promise<SectionResult> {
	const real = findRealModel();
	if (real.path === undefined) return {rows: [missingRow('real', 'real model vs synthetic twin', real.missing)], data: {missing: real.missing}};
	const suitePath = builtinSuitePath('endpoint-security')!;
	const suite = loadSuite(suitePath);
	const capOf = new Map(suite.prompts.map((p) => [p.id, p.maxTokens ?? suite.defaults.maxTokens ?? 128]));
	const models = {real: real.path, synthetic: SYNTHETIC_TWIN} as const;
	const runs: RealRun[] = [];
	for (let round = 0; round < settings.rounds; round++) {
		for (const which of roundOrder(['real', 'synthetic'] as const, round)) {
			ctx.log(`real: round ${round + 1}/${settings.rounds}, ${which} (${models[which]})`);
			const args = ['--model', models[which], '--suite', suitePath, '--threads', String(settings.threads), '--idle', '1', '--no-canary', '--temperature', '0'];
			if (settings.tags) args.push('--tags', settings.tags.join(','));
			const result = await runHeadless({args, dir: ctx.dir, name: `real-${which}-${round}`, timeoutMs: 3_600_000});
			runs.push(figuresOf(which, round, result.report, capOf));
		}
	}
	return {rows: realRows(runs), data: {settings, models, runs}};
}

function figuresOf(model: 'real' | 'synthetic', round: number, report: Report, capOf: Map<string, number>): RealRun {
	const ok = report.prompts.filter((p) => p.status === 'ok');
	const figures = reportFigures(report);
	const eos = ok.filter((p) => p.outputTokens < (capOf.get(p.id) ?? Number.POSITIVE_INFINITY)).length;
	const correctness = report.metrics.correctness as {mean: number | null; gamedCeiling?: number};
	return {
		model,
		round,
		decodeTokPerSec: figures.decodeTokPerSec,
		ttftMs: figures.ttftMs,
		e2eP95Ms: report.metrics.latency.p95,
		outputTokensMean: ok.length > 0 ? ok.reduce((sum, p) => sum + p.outputTokens, 0) / ok.length : null,
		eosShare: ok.length > 0 ? eos / ok.length : null,
		correctness: report.model.synthetic ? null : correctness.mean,
		gamedCeiling: correctness.gamedCeiling ?? null,
		scores: Object.fromEntries(ok.map((p) => [p.id, p.score ?? null])),
	};
}

/** The table rows: each figure for both models, and the real/synthetic ratio of the per-token figures. */
export function realRows(runs: readonly RealRun[]): BenchRow[] {
	const of = (model: 'real' | 'synthetic'): RealRun[] => runs.filter((run) => run.model === model);
	const rows: BenchRow[] = [];
	const label = {real: 'SmolLM2-135M-Instruct Q4_1 (real)', synthetic: `${SYNTHETIC_TWIN} (synthetic twin)`} as const;
	for (const model of ['real', 'synthetic'] as const) {
		const list = of(model);
		rows.push(
			figureRow('real', `${label[model]}: decode`, spread(list.map((r) => r.decodeTokPerSec)), {unit: ' tok/s', digits: 1}),
			figureRow('real', `${label[model]}: TTFT (warm, median)`, spread(list.map((r) => r.ttftMs)), {unit: ' ms', digits: 0}),
			figureRow('real', `${label[model]}: E2E p95`, spread(list.map((r) => r.e2eP95Ms)), {unit: ' ms', digits: 0}),
			figureRow('real', `${label[model]}: output tokens per answer (mean)`, spread(list.map((r) => r.outputTokensMean)), {digits: 1}),
			figureRow('real', `${label[model]}: answers ended at EOS before the cap`, spread(list.map((r) => (r.eosShare === null ? null : r.eosShare * 100))), {
				unit: ' %',
				digits: 0,
			}),
		);
		rows.push(
			model === 'real'
				? figureRow('real', `${label[model]}: correctness (gamed ceiling ${(list[0]?.gamedCeiling ?? 0).toFixed(2)})`, spread(list.map((r) => r.correctness)), {
						digits: 3,
					})
				: missingRow('real', `${label[model]}: correctness`, 'skip: random weights'),
		);
	}
	const real = of('real');
	const synthetic = of('synthetic');
	rows.push(
		figureRow(
			'real',
			'decode tok/s, real / synthetic (paired rounds)',
			spread(
				pairedRatios(
					real.map((r) => r.decodeTokPerSec),
					synthetic.map((r) => r.decodeTokPerSec),
				),
			),
			{digits: 2},
		),
		figureRow(
			'real',
			'TTFT, real / synthetic (paired rounds)',
			spread(
				pairedRatios(
					real.map((r) => r.ttftMs),
					synthetic.map((r) => r.ttftMs),
				),
			),
			{digits: 2},
		),
		figureRow(
			'real',
			'E2E p95, real / synthetic (paired rounds)',
			spread(
				pairedRatios(
					real.map((r) => r.e2eP95Ms),
					synthetic.map((r) => r.e2eP95Ms),
				),
			),
			{digits: 2},
		),
	);
	return rows;
}
