/**
 * The configurations of a sweep: every combination of the swept levers'
 * values (from comma lists on the command line or a YAML matrix file), in
 * order — the first lever varies slowest. Checks values, not models: whether
 * a model exists is the run's business (a configuration that fails to load is
 * recorded as failed and the sweep goes on).
 */
import {LineCounter, parseDocument, isMap, isSeq, isScalar, type Node} from 'yaml';
import {checkYamlLimits, isStackOverflow, TOO_DEEP_TO_READ} from '../run/yaml-limits.js';
import {SWEPT_FLAGS, type SweepAxes, type SweepConfig, type SweptFlag} from './types.js';

/** A matrix that cannot be run: the message names the lever (and the line of a file). */
export class SweepMatrixError extends Error {
	override name = 'SweepMatrixError';
}

/** Most configurations one sweep runs. */
export const MAX_CONFIGURATIONS = 256;

const INT_RANGES: Readonly<Record<Exclude<SweptFlag, 'model' | 'cpu-cap'>, readonly [number, number]>> = {
	threads: [1, 1024],
	nice: [-20, 19],
	'batch-size': [1, 1 << 20],
	'context-size': [16, 1 << 24],
};

/**
 * Every combination of `axes`, first lever slowest; duplicates (same values)
 * once. Throws {@link SweepMatrixError} for no model, an empty list, a bad
 * value or more than {@link MAX_CONFIGURATIONS}.
 */
export function expandMatrix(axes: SweepAxes, where = ''): SweepConfig[] {
	if (axes.model === undefined) throw new SweepMatrixError(`${where}the matrix has no model: give --model a,b (or model: [...] in the matrix file)`);
	let configs: SweepConfig[] = [{model: ''}];
	for (const flag of SWEPT_FLAGS) {
		const values = axes[flag];
		if (values === undefined) continue;
		if (values.length === 0) throw new SweepMatrixError(`${where}${flag}: the list is empty`);
		const parsed = values.map((value) => parseValue(flag, value, where));
		configs = configs.flatMap((config) => parsed.map((value) => withValue(config, flag, value)));
		if (configs.length > MAX_CONFIGURATIONS) throw new SweepMatrixError(`${where}the matrix has more than ${MAX_CONFIGURATIONS} configurations`);
	}
	const seen = new Set<string>();
	return configs.filter((config) => {
		const key = JSON.stringify(config);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function withValue(config: SweepConfig, flag: SweptFlag, value: string | number | undefined): SweepConfig {
	if (value === undefined) return config;
	switch (flag) {
		case 'model':
			return {...config, model: String(value)};
		case 'threads':
			return {...config, threads: Number(value)};
		case 'cpu-cap':
			return {...config, cpuCap: Number(value)};
		case 'nice':
			return {...config, nice: Number(value)};
		case 'batch-size':
			return {...config, batchSize: Number(value)};
		case 'context-size':
			return {...config, contextSize: Number(value)};
		default:
			return flag satisfies never;
	}
}

/** One value of a lever; `undefined` for `off`/`none` of `--cpu-cap` and `--nice`. */
function parseValue(flag: SweptFlag, raw: string | number, where: string): string | number | undefined {
	const text = String(raw).trim();
	if (text === '') throw new SweepMatrixError(`${where}${flag}: an empty value`);
	if (flag === 'model') return text;
	if ((flag === 'cpu-cap' || flag === 'nice') && /^(off|none|no)$/i.test(text)) return undefined;
	const value = Number(text);
	if (flag === 'cpu-cap') {
		if (!Number.isFinite(value) || value < 1 || value > 100) throw new SweepMatrixError(`${where}cpu-cap: '${text}' is not a percentage from 1 to 100 or off`);
		return value;
	}
	const [min, max] = INT_RANGES[flag];
	if (!Number.isInteger(value) || value < min || value > max) throw new SweepMatrixError(`${where}${flag}: '${text}' is not an integer from ${min} to ${max}`);
	return value;
}

/** Parses a matrix file's YAML, refusing what is over the {@link checkYamlLimits} bounds (alias bombs, deep nesting). */
function parseMatrixYaml(path: string, text: string, lineCounter: LineCounter): ReturnType<typeof parseDocument> {
	let doc: ReturnType<typeof parseDocument>;
	try {
		doc = parseDocument(text, {lineCounter, prettyErrors: false});
	} catch (error) {
		if (isStackOverflow(error)) throw new SweepMatrixError(`${path}: ${TOO_DEEP_TO_READ}`);
		throw error;
	}
	const limit = checkYamlLimits(doc);
	if (limit) throw new SweepMatrixError(`${path}:${limit.offset === undefined ? 1 : lineCounter.linePos(limit.offset).line}: ${limit.message}`);
	return doc;
}

/**
 * Reads a YAML matrix file's text: a mapping whose keys are swept levers
 * (`model`, `threads`, `cpu-cap`, `nice`, `batch-size`, `context-size`),
 * each a value or a list of values. An unknown key or a wrong type is an
 * error naming it and its line.
 */
export function parseMatrixFile(path: string, text: string): SweepAxes {
	const lineCounter = new LineCounter();
	const doc = parseMatrixYaml(path, text, lineCounter);
	const at = (node: Node | null | undefined): string => `${path}:${node?.range ? lineCounter.linePos(node.range[0]).line : 1}: `;
	if (doc.errors.length > 0) {
		const first = doc.errors[0]!;
		throw new SweepMatrixError(`${path}:${first.linePos?.[0]?.line ?? 1}: not valid YAML: ${first.message.split('\n')[0]}`);
	}
	const root = doc.contents;
	if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) throw new SweepMatrixError(`${path}: the matrix is empty`);
	if (!isMap(root)) throw new SweepMatrixError(`${at(root)}the matrix must be a mapping of levers (model, threads, cpu-cap, ...) to values`);
	const axes: Record<string, (string | number)[]> = {};
	for (const pair of root.items) {
		const keyNode = pair.key as Node | null;
		const key = isScalar(keyNode) ? String(keyNode.value) : '';
		if (!(SWEPT_FLAGS as readonly string[]).includes(key))
			throw new SweepMatrixError(`${at(keyNode)}unknown key '${key}' (the matrix takes ${SWEPT_FLAGS.join(', ')})`);
		const value = pair.value as Node | null;
		const items = isSeq(value) ? (value.items as Node[]) : [value];
		axes[key] = items.map((item) => {
			if (!isScalar(item) || (typeof item.value !== 'string' && typeof item.value !== 'number') || item.value === '') {
				throw new SweepMatrixError(`${at(item ?? keyNode)}${key}: each value must be a number or a string`);
			}
			return item.value;
		});
	}
	expandMatrix(axes as SweepAxes, `${path}: `);
	return axes as SweepAxes;
}
