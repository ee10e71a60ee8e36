import {describe, expect, it} from 'vitest';
import {cleanBuildLine, INITIAL_BUILD_PROGRESS, nextBuildProgress, type BuildProgress} from '../../src/engine/build-progress.js';

function fold(lines: string[]): BuildProgress[] {
	const out: BuildProgress[] = [];
	let progress = INITIAL_BUILD_PROGRESS;
	for (const line of lines) {
		progress = nextBuildProgress(progress, line);
		out.push(progress);
	}
	return out;
}

describe('build progress', () => {
	it('strips escape codes, the node-llama-cpp prefix and status glyphs', () => {
		expect(cleanBuildLine('\x1b[90m[node-llama-cpp]\x1b[39m \x1b[36m◷\x1b[39m Compiling llama.cpp\r')).toBe('Compiling llama.cpp');
		expect(cleanBuildLine('  ✔ Compiled llama.cpp')).toBe('Compiled llama.cpp');
		expect(cleanBuildLine('[ 42%] Building C object x.o')).toBe('[ 42%] Building C object x.o');
	});

	it('follows a build from clone to done, with Ninja and Make counters', () => {
		const stages = fold([
			'Repo: ggml-org/llama.cpp',
			'[node-llama-cpp] Cloning ggml-org/llama.cpp (local bundle)  40%',
			'[node-llama-cpp] ◷ Compiling llama.cpp',
			'-- Found OpenMP: TRUE (found version "4.5")',
			'[50/200] Building CXX object llama.cpp/src/llama.cpp.o',
			'-- Installing: something',
			'[ 99%] Linking CXX shared library libllama.so',
			'[node-llama-cpp] ✔ Compiled llama.cpp',
			'Removing temporary files',
		]);
		expect(stages.map((p) => p.stage)).toEqual(['prepare', 'clone', 'configure', 'configure', 'compile', 'compile', 'compile', 'done', 'done']);
		expect(stages.map((p) => p.percent)).toEqual([null, null, null, null, 25, 25, 99, 100, 100]);
		expect(stages[4]!.detail).toBe('Building CXX object llama.cpp/src/llama.cpp.o');
	});

	it('ignores blank lines and a 0-step counter', () => {
		expect(nextBuildProgress(INITIAL_BUILD_PROGRESS, '   ')).toBe(INITIAL_BUILD_PROGRESS);
		expect(nextBuildProgress(INITIAL_BUILD_PROGRESS, '[0/0] nothing')).toBe(INITIAL_BUILD_PROGRESS);
	});
});
