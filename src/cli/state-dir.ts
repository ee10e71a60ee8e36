/**
 * Where detached runs keep their files: `$XDG_STATE_HOME/llmtop/runs/<id>/`
 * (default `~/.local/state/llmtop/runs/<id>/`), one folder per run holding
 * `events.jsonl`, `report.json` and `run.log`.
 */
import {existsSync, readdirSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';

/** The folder of every detached run. */
export function runsDir(env: NodeJS.ProcessEnv = process.env): string {
	const state = env['XDG_STATE_HOME'] && env['XDG_STATE_HOME'].startsWith('/') ? env['XDG_STATE_HOME'] : join(env['HOME'] ?? homedir(), '.local', 'state');
	return join(state, 'llmtop', 'runs');
}

/** A new run's id: its UTC start time and the starting PID (sorts by time). */
export function newRunId(now: Date, pid: number): string {
	return `${now
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z')}-${pid}`;
}

/**
 * The events file of the newest run under {@link runsDir} (ids sort by start
 * time), or undefined. The file may not exist yet (a run still loading its
 * model): `watch --wait` waits for it.
 */
export function newestRunEvents(env: NodeJS.ProcessEnv = process.env): string | undefined {
	const dir = runsDir(env);
	if (!existsSync(dir)) return undefined;
	const ids = readdirSync(dir)
		.filter((name) => /^\d{8}T\d{6}Z-\d+$/.test(name) && statSync(join(dir, name)).isDirectory())
		.sort();
	const newest = ids.at(-1);
	return newest === undefined ? undefined : join(dir, newest, 'events.jsonl');
}
