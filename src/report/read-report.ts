/**
 * Reading a saved report back (`compare`, `score`, `learnings`, `--baseline`),
 * with one clear line for every way the file can be wrong.
 *
 * Versions: the schema id is `llmtop/report@N`. This build writes and reads
 * N = 2 ({@link REPORT_SCHEMA}). An older report is read when an upgrade step
 * from its version exists ({@link REPORT_UPGRADES}: `@1` is upgraded by
 * {@link upgradeReportV1}), else refused naming both versions; a newer one is
 * always refused.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {FileError} from '../files/errors.js';
import {INPUT_LIMITS, readTextInput} from '../files/read-input.js';
import {packageRoot} from '../package-info.js';
import {firstSchemaProblem, type SchemaNode} from './schema-check.js';
import {REPORT_SCHEMA, type Report} from './types.js';
import {upgradeReportV1} from './upgrade-v1.js';

/** A report file that cannot be used: `problem` is the one-line reason. */
export class ReportFileError extends Error {
	override name = 'ReportFileError';
	constructor(
		readonly path: string,
		readonly problem: string,
	) {
		super(`${path}: ${problem}`);
	}
}

/** The schema version this build reads and writes. */
export const REPORT_VERSION = 2;

/** Turns a report of version N into one of version N + 1. */
export type ReportUpgrade = (report: Record<string, unknown>) => Record<string, unknown>;

/** Upgrade steps by the version they upgrade from. */
export const REPORT_UPGRADES: ReadonlyMap<number, ReportUpgrade> = new Map([[1, upgradeReportV1]]);

const SCHEMA_ID = /^llmtop\/report@(\d+)$/;

/** Top-level keys every report has, with the JSON type each must be. */
const REQUIRED: Readonly<Record<string, 'object' | 'array' | 'string' | 'boolean'>> = {
	host: 'object',
	model: 'object',
	config: 'object',
	suite: 'object',
	prompts: 'array',
	metrics: 'object',
	criteria: 'array',
	verdict: 'string',
};

/** Reads, checks and (if needed) upgrades a report file. Throws {@link ReportFileError}. */
export function readReport(path: string): Report {
	return parseReport(path, readText(path));
}

/** Parses report JSON text; `path` names the file in messages. Throws {@link ReportFileError}. */
export function parseReport(path: string, text: string): Report {
	if (text.trim() === '') throw new ReportFileError(path, 'empty file (not an llmtop report)');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new ReportFileError(path, jsonProblem(text, error));
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ReportFileError(path, 'not an llmtop report (the JSON is not an object)');
	}
	const upgraded = upgrade(path, value as Record<string, unknown>);
	checkShape(path, upgraded);
	return upgraded as unknown as Report;
}

function readText(path: string): string {
	try {
		return readTextInput(path, 'report', INPUT_LIMITS.report);
	} catch (error) {
		if (error instanceof FileError) throw new ReportFileError(path, error.problem);
		throw error;
	}
}

let reportSchema: SchemaNode | null | undefined;

/** The shipped `schema/report.schema.json` (null when the install lacks it: the shape check then covers the top level only). */
function loadReportSchema(): SchemaNode | null {
	if (reportSchema !== undefined) return reportSchema;
	try {
		reportSchema = JSON.parse(readFileSync(join(packageRoot(), 'schema', 'report.schema.json'), 'utf8')) as SchemaNode;
	} catch {
		reportSchema = null;
	}
	return reportSchema;
}

function jsonProblem(text: string, error: unknown): string {
	if (text.trimStart().startsWith('{') && endsOpen(text)) {
		return 'truncated: the JSON ends before the report does (was the run killed while writing it?)';
	}
	const message = error instanceof Error ? error.message : String(error);
	return `not JSON (${message.split('\n')[0]})`;
}

/** True when the text ends inside a string or an unclosed object or array: JSON cut off, not malformed. */
function endsOpen(text: string): boolean {
	let depth = 0;
	let inString = false;
	let escaped = false;
	for (const char of text) {
		if (inString) {
			if (escaped) escaped = false;
			else if (char === '\\') escaped = true;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{' || char === '[') depth++;
		else if (char === '}' || char === ']') depth--;
	}
	return inString || depth > 0;
}

function upgrade(path: string, report: Record<string, unknown>): Record<string, unknown> {
	const schema = report['schema'];
	if (typeof schema !== 'string') throw new ReportFileError(path, 'not an llmtop report (no "schema" field)');
	const match = SCHEMA_ID.exec(schema);
	if (!match) throw new ReportFileError(path, `not an llmtop report (schema is "${schema}", expected ${REPORT_SCHEMA})`);
	const version = Number(match[1]);
	if (version > REPORT_VERSION) {
		throw new ReportFileError(path, `is ${schema}, newer than this llmtop reads (${REPORT_SCHEMA}); update llmtop to read it`);
	}
	let current = report;
	for (let from = version; from < REPORT_VERSION; from++) {
		const step = REPORT_UPGRADES.get(from);
		if (!step) throw new ReportFileError(path, `is ${schema}; this llmtop reads ${REPORT_SCHEMA} and cannot upgrade that version`);
		current = step(current);
	}
	return current;
}

function checkShape(path: string, report: Record<string, unknown>): void {
	for (const [key, type] of Object.entries(REQUIRED)) {
		const value = report[key];
		const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
		if (value === undefined) throw new ReportFileError(path, `not a complete llmtop report: "${key}" is missing`);
		if (actual !== type) throw new ReportFileError(path, `not a valid llmtop report: "${key}" is ${actual}, expected ${type}`);
	}
	const schema = loadReportSchema();
	const problem = schema ? firstSchemaProblem(report, schema) : undefined;
	if (problem) throw new ReportFileError(path, `not a valid ${REPORT_SCHEMA} report: ${problem}`);
}
