/**
 * Where node-llama-cpp keeps a llama.cpp build made on this machine, and
 * llmtop's record beside it (the wait policy `llmtop engine build` chose).
 * node-llama-cpp writes builds to `<package>/llama/localBuilds/<folder>` and
 * names the last one in `<package>/llama/lastBuild.json`; a new build of the
 * same folder deletes the folder first, so the record never outlives its build.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';

/** OpenMP wait policies: `default` leaves `OMP_WAIT_POLICY` unset. */
export const WAIT_POLICIES = ['default', 'active', 'passive'] as const;

/** How idle OpenMP threads wait between decode steps (spin: `active`; sleep: `passive`). */
export type WaitPolicy = (typeof WAIT_POLICIES)[number];

/** What llmtop records beside a local build. */
export interface EngineBuildRecord {
	waitPolicy: WaitPolicy;
	/** ISO 8601. */
	builtAt: string;
	buildSeconds: number;
	/** llama.cpp's compiled-in features, e.g. `CPU : ... OPENMP = 1 ...`. */
	systemInfo?: string;
	/** Whether the build uses OpenMP (so the wait policy has an effect). */
	openmp?: boolean;
}

/** A local build as found on disk. */
export interface LocalBuild {
	/** e.g. `linux-x64`. */
	folderName: string;
	/** Absolute path of the build folder. */
	dir: string;
	/** llmtop's record, when the build was made by `llmtop engine build`. */
	record: EngineBuildRecord | null;
}

const RECORD_FILE = 'llmtop-engine.json';

/** The installed node-llama-cpp package folder. */
export function nodeLlamaCppDir(): string {
	return dirname(dirname(createRequire(import.meta.url).resolve('node-llama-cpp')));
}

/** node-llama-cpp's own command line script (`node-llama-cpp source download ...`). */
export function nodeLlamaCppCli(): string {
	return join(nodeLlamaCppDir(), 'dist', 'cli', 'cli.js');
}

/** node-llama-cpp's version, from its package.json. */
export function nodeLlamaCppVersion(): string {
	return (JSON.parse(readFileSync(join(nodeLlamaCppDir(), 'package.json'), 'utf8')) as {version: string}).version;
}

/** The folder of the last local build node-llama-cpp recorded (`llama/lastBuild.json`), finished or not; `null` when none is recorded. */
export function lastLocalBuildDir(packageDir: string = nodeLlamaCppDir()): {folderName: string; dir: string} | null {
	const llamaDir = join(packageDir, 'llama');
	let folderName: string | undefined;
	try {
		folderName = (JSON.parse(readFileSync(join(llamaDir, 'lastBuild.json'), 'utf8')) as {folderName?: string}).folderName;
	} catch {
		return null;
	}
	if (typeof folderName !== 'string' || folderName === '') return null;
	return {folderName, dir: join(llamaDir, 'localBuilds', folderName)};
}

/** The last local build (the one `--build local` loads), or `null` when none was completed. */
export function findLocalBuild(packageDir: string = nodeLlamaCppDir()): LocalBuild | null {
	const last = lastLocalBuildDir(packageDir);
	if (!last) return null;
	const {folderName, dir} = last;
	if (!existsSync(join(dir, 'buildDone.status'))) return null;
	return {folderName, dir, record: readRecord(dir)};
}

/** Writes llmtop's record into a build folder. */
export function writeBuildRecord(build: Pick<LocalBuild, 'dir'>, record: EngineBuildRecord): void {
	writeFileSync(join(build.dir, RECORD_FILE), `${JSON.stringify(record, null, '\t')}\n`);
}

function readRecord(dir: string): EngineBuildRecord | null {
	try {
		const record = JSON.parse(readFileSync(join(dir, RECORD_FILE), 'utf8')) as EngineBuildRecord;
		return WAIT_POLICIES.includes(record.waitPolicy) ? record : null;
	} catch {
		return null;
	}
}
