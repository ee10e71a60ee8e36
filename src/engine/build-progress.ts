/**
 * Reads the output of `node-llama-cpp source download` line by line into
 * progress: the stage (clone, configure, compile, done) and the build tool's
 * counter while compiling (Ninja's `[50/277]`, Make's `[ 42%]`).
 */

/** A stage of building llama.cpp from the bundled source. */
export type BuildStage = 'prepare' | 'clone' | 'configure' | 'compile' | 'done';

/** Progress after one line. */
export interface BuildProgress {
	stage: BuildStage;
	/** Percentage of build steps done, while compiling. */
	percent: number | null;
	/** The target being built, or the status line. */
	detail: string;
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** One line of output without escape codes, node-llama-cpp's prefix or spinner glyphs. */
export function cleanBuildLine(line: string): string {
	return line
		.replace(ANSI, '')
		.replace(/\r/g, '')
		.replace(/^\s*\[node-llama-cpp\]\s*/, '')
		.replace(/^[^\w[(]+/u, '')
		.trim();
}

/** Folds one output line into the progress so far (pure). */
export function nextBuildProgress(previous: BuildProgress, rawLine: string): BuildProgress {
	const line = cleanBuildLine(rawLine);
	if (line === '') return previous;
	const percent = /^\[\s*(\d{1,3})%\]\s*(.*)$/.exec(line);
	if (percent) return {stage: 'compile', percent: Number(percent[1]), detail: (percent[2] ?? '').trim()};
	const steps = /^\[(\d+)\/(\d+)\]\s*(.*)$/.exec(line);
	if (steps && Number(steps[2]) > 0) {
		return {stage: 'compile', percent: Math.floor((Number(steps[1]) * 100) / Number(steps[2])), detail: (steps[3] ?? '').trim()};
	}
	if (/^Compiled llama\.cpp/i.test(line)) return {stage: 'done', percent: 100, detail: line};
	if (previous.stage === 'done') return previous;
	if (/clon/i.test(line)) return {stage: 'clone', percent: null, detail: line};
	if (/^--\s/.test(line) || /^Compiling llama\.cpp/i.test(line)) {
		return previous.stage === 'compile' ? previous : {stage: 'configure', percent: null, detail: line};
	}
	return previous;
}

/** Progress before any output. */
export const INITIAL_BUILD_PROGRESS: BuildProgress = {stage: 'prepare', percent: null, detail: ''};
