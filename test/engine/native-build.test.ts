import {chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {nativeBuildLayout, nativeBuildState, NATIVE_CMAKE_OPTIONS} from '../../src/engine/native-build.js';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

function tempLayout(): ReturnType<typeof nativeBuildLayout> {
	const root = mkdtempSync(join(os.tmpdir(), 'llmtop-native-'));
	dirs.push(root);
	const layout = nativeBuildLayout(root);
	mkdirSync(join(layout.build, 'bin'), {recursive: true});
	return layout;
}

function binaries(layout: ReturnType<typeof nativeBuildLayout>): void {
	for (const path of [layout.server, layout.bench]) {
		writeFileSync(path, '#!/bin/sh\n');
		chmodSync(path, 0o755);
	}
}

describe('native llama.cpp build layout', () => {
	it('is builds/llama.cpp-<tag>-<sha7>/{src,build} under the cache root, from the bundle node-llama-cpp ships', () => {
		const layout = nativeBuildLayout('/cache');
		expect(layout.tag).toMatch(/^v?\d+\.\d+\.\d+$|^b\d+$/);
		expect(layout.sha7).toMatch(/^[0-9a-f]{7}$/);
		expect(layout.dir).toBe(`/cache/builds/llama.cpp-${layout.tag}-${layout.sha7}`);
		expect(layout.server).toBe(`${layout.dir}/build/bin/llama-server`);
		expect(layout.bench).toBe(`${layout.dir}/build/bin/llama-bench`);
		expect(NATIVE_CMAKE_OPTIONS).toContain('-DGGML_OPENMP=ON');
	});

	it('tells none, building (log growing, no done line), failed (done N) and built (done 0 and both binaries)', () => {
		const layout = tempLayout();
		expect(nativeBuildState(layout)).toBe('none');
		writeFileSync(layout.ninjaLog, '[1/334] Building CXX object ggml.cpp.o\n');
		expect(nativeBuildState(layout)).toBe('building');
		const old = new Date(Date.now() - 3600_000);
		utimesSync(layout.ninjaLog, old, old);
		expect(nativeBuildState(layout)).toBe('none');
		writeFileSync(layout.ninjaLog, '[9/334] x\nFAILED: y\ndone 1\n');
		expect(nativeBuildState(layout)).toBe('failed');
		writeFileSync(layout.ninjaLog, '[334/334] Linking CXX executable bin/llama-server\ndone 0\n');
		expect(nativeBuildState(layout)).toBe('none');
		binaries(layout);
		expect(nativeBuildState(layout)).toBe('built');
	});
});
