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
	return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${pid}`;
}

/** The events file of the newest run under {@link runsDir} (by its start: the events file's birth), or undefined. */
export function newestRunEvents(env: NodeJS.ProcessEnv = process.env): string | undefined {
	const dir = runsDir(env);
	if (!existsSync(dir)) return undefined;
	let best: {path: string; time: number} | undefined;
	for (const name of readdirSync(dir)) {
		const path = join(dir, name, 'events.jsonl');
		try {
			const stat = statSync(path);
			const time = stat.birthtimeMs || stat.ctimeMs;
			if (!best || time > best.time || (time === best.time && path > best.path)) best = {path, time};
		} catch {
			// a folder without events yet
		}
	}
	return best?.path;
}
