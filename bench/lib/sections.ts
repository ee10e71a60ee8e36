/**
 * The bench's sections: names, what each measures (for `--help`), whether
 * `--quick` runs it, and its expected duration (for the ETA); and the
 * `--only` list parser. Pure.
 */

/** Every section, in the order they run. */
export const SECTIONS = ['memory', 'synth', 'anchor', 'stalls', 'bursts', 'matrix', 'observer', 'sweep', 'real'] as const;

/** A section name. */
export type Section = (typeof SECTIONS)[number];

/** Names that stand for several sections in `--only`. */
export const SECTION_GROUPS: Readonly<Record<string, readonly Section[]>> = {fidelity: ['stalls', 'bursts']};

/** What `--help` says of a section, whether `--quick` runs it, and its expected seconds on an idle 2-core machine. */
export interface SectionInfo {
	help: string;
	inQuick: boolean;
	estimateS: {quick: number; full: number};
}

export const SECTION_INFO: Readonly<Record<Section, SectionInfo>> = {
	anchor: {
		help: 'decode and prefill of llmtop and the bare node-llama-cpp loop as a ratio to native llama-bench, same model, threads and depth, every thread count (--quick: cores - 1 only)',
		inQuick: true,
		estimateS: {quick: 100, full: 240},
	},
	stalls: {
		help: 'token stalls injected live into a running engine (LLMTOP_TEST_STALL) at 2x-8x the median gap, idle and under --load (--quick: idle only): recall per size, timestamp error',
		inQuick: true,
		estimateS: {quick: 25, full: 120},
	},
	bursts: {
		help: 'CPU bursts of several lengths in the sampled process, idle and busy baseline, both cores and taskset -c 0: recall per length, false spikes',
		inQuick: true,
		estimateS: {quick: 45, full: 200},
	},
	synth: {
		help: 'synthetic GGUF generation (in memory) apart from page-cache write throughput, rotated rounds; every preset loads (full only)',
		inQuick: true,
		estimateS: {quick: 5, full: 90},
	},
	memory: {help: 'run store heap and RSS growth over simulated hours of prompts and samples', inQuick: true, estimateS: {quick: 3, full: 40}},
	matrix: {
		help: '130 MB model: thread sweep, issue 8 levers (threads, --nice 19, --cpu-cap 35), local vs prebuilt builds',
		inQuick: false,
		estimateS: {quick: 60, full: 300},
	},
	observer: {help: "llmtop's own thread CPU, headless and with the dashboard in a pseudo-terminal", inQuick: false, estimateS: {quick: 40, full: 120}},
	sweep: {help: '670 MB model thread sweep', inQuick: false, estimateS: {quick: 40, full: 150}},
	real: {
		help: 'the real SmolLM2-135M Q4_1 (npm run models:fetch) beside synthetic:smollm2-135m:Q4_0: decode, TTFT, E2E p95, correctness',
		inQuick: false,
		estimateS: {quick: 90, full: 400},
	},
};

/** Thrown for an unknown name in `--only`. */
export class UnknownSectionError extends Error {
	constructor(readonly section: string) {
		super(`unknown section '${section}' (sections: ${SECTIONS.join(', ')}; groups: ${Object.keys(SECTION_GROUPS).join(', ')})`);
		this.name = 'UnknownSectionError';
	}
}

/** The sections to run: `--only`'s list (groups expanded), else every section (`--quick`: those marked for it), in {@link SECTIONS} order. */
export function selectSections(only: string | undefined, quick: boolean): Section[] {
	if (only === undefined) return SECTIONS.filter((name) => !quick || SECTION_INFO[name].inQuick);
	const wanted = new Set<Section>();
	for (const raw of only.split(',')) {
		const name = raw.trim();
		if (name === '') continue;
		const group = SECTION_GROUPS[name];
		if (group) for (const member of group) wanted.add(member);
		else if ((SECTIONS as readonly string[]).includes(name)) wanted.add(name as Section);
		else throw new UnknownSectionError(name);
	}
	if (wanted.size === 0) throw new UnknownSectionError(only);
	return SECTIONS.filter((name) => wanted.has(name));
}

/** The `--help` text. */
export function helpText(): string {
	const width = Math.max(...SECTIONS.map((name) => name.length));
	return [
		'usage: npm run bench -- [--quick] [--only SECTION[,SECTION...]] [--rounds N] [--threads LIST] [--out DIR] [--keep]',
		'',
		'  --quick        short settings, the sections marked * (aim: under 3 minutes on a built tree)',
		'  --only LIST    run only these sections (comma-separated)',
		'  --rounds N     rounds of every rotated comparison (at least 5; default 5, full runs more)',
		'  --out DIR      where results.json and results.md go (default bench/)',
		'  --threads LIST thread counts of the anchor (default 1 to the cores)',
		'  --keep         keep the scratch directory (reports and events of every run)',
		'',
		'sections (* = in --quick):',
		...SECTIONS.map((name) => `  ${SECTION_INFO[name].inQuick ? '*' : ' '} ${name.padEnd(width)}  ${SECTION_INFO[name].help}`),
		...Object.entries(SECTION_GROUPS).map(([name, members]) => `    ${name.padEnd(width)}  = ${members.join(', ')}`),
		'',
		'Progress and an ETA go to stderr; results.json and results.md are rewritten after every section, so an',
		'interrupted bench keeps what finished. The scratch directory is removed on every exit, Ctrl+C included.',
	].join('\n');
}
