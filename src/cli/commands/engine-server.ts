import {buildNative, NativeBuildError, nativeBuildLayout, nativeBuildState, type NativeBuildProgress} from '../../engine/native-build.js';
import {EXIT} from '../exit-codes.js';
import type {Io} from '../io.js';

/**
 * `llmtop engine build --server`: llama-server and llama-bench from the
 * bundled llama.cpp source, cached per version. Progress goes to stderr;
 * stdout gets only the server binary's absolute path (so
 * `SERVER=$(llmtop engine build --server)` works). A cached build returns at once.
 */
export async function buildServerCommand(io: Io): Promise<number> {
	let last = '';
	const onProgress = (progress: NativeBuildProgress): void => {
		const line = progressLine(progress);
		if (line === last) return;
		last = line;
		io.err(line);
	};
	try {
		const layout = await buildNative({onProgress});
		io.out(layout.server);
		return EXIT.pass;
	} catch (error) {
		if (!(error instanceof NativeBuildError)) throw error;
		io.err(`llmtop: ${error.message}`);
		for (const line of error.tail) io.err(`  ${line}`);
		return EXIT.fail;
	}
}

/** The `engine status` lines about the native server build. */
export function serverStatusLines(): string[] {
	try {
		const layout = nativeBuildLayout();
		const state = nativeBuildState(layout);
		const head = `llama-server (llama.cpp ${layout.tag}, ${layout.sha7}): ${state}`;
		switch (state) {
			case 'built':
				return [
					head,
					`  server: ${layout.server}`,
					`  bench:  ${layout.bench}`,
					"  used with `llmtop run --launch '" + layout.server + " -m {model} --port {port} -t {threads} -c {ctx}'`",
				];
			case 'building':
				return [head, `  log: ${layout.ninjaLog}`];
			case 'failed':
				return [head, `  log: ${layout.ninjaLog}; \`llmtop engine build --server\` tries again`];
			case 'none':
				return [head.replace(/none$/, 'not built'), '  `llmtop engine build --server` builds it (cmake, ninja, g++; ~10 minutes on 2 cores, once per version)'];
			default:
				return state satisfies never;
		}
	} catch (error) {
		return [`llama-server: unknown (${(error as Error).message})`];
	}
}

function progressLine(progress: NativeBuildProgress): string {
	const counts =
		progress.done !== undefined && progress.total
			? ` [${progress.done}/${progress.total}] ${Math.floor((progress.done * 100) / progress.total / 10) * 10} %`
			: '';
	return `llama-server build: ${progress.stage}${progress.detail ? ` ${progress.detail}` : ''}${counts}`;
}
