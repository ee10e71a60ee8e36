import {ProcFile} from './proc-file.js';
import {parsePsi, psiSomeTotalUsFromBytes} from './psi.js';
import type {SampleSource} from './types.js';

/** Why PSI cannot be read. */
export type PsiUnavailableReason =
	/** No such file: not Linux, or a kernel before 4.20 or built without PSI. */
	| 'absent'
	/** The file exists but reading fails with EOPNOTSUPP: PSI is disabled (`psi=0`). */
	| 'disabled'
	/** Permission denied or another read error. */
	| 'unreadable'
	/** The content does not parse. */
	| 'malformed';

/** PSI on this machine: a per-tick reader, or the reason there is none. */
export type PsiProbe =
	| {available: true; path: string; source: SampleSource; readSomeTotalUs(): number; close(): void}
	| {available: false; path: string; reason: PsiUnavailableReason; message: string};

/** Default path of CPU pressure. */
const PSI_CPU_PATH = '/proc/pressure/cpu';

/**
 * Opens CPU pressure stall information. When available, its `source` adds
 * `psiSomeTotalUs` (cumulative, µs) to every reading; when not, the reason
 * says why, and no number is ever reported.
 */
export function openPsi(path: string = PSI_CPU_PATH): PsiProbe {
	let file: ProcFile;
	try {
		file = new ProcFile(path, 256);
	} catch (error) {
		return unavailable(path, error);
	}
	let text: string;
	try {
		const len = file.read();
		text = file.buf.toString('latin1', 0, len);
	} catch (error) {
		file.close();
		return unavailable(path, error);
	}
	const parsed = parsePsi(text);
	if (parsed.kind === 'malformed') {
		file.close();
		return {available: false, path, reason: 'malformed', message: `${path}: ${parsed.reason}`};
	}
	const readSomeTotalUs = (): number => {
		const total = psiSomeTotalUsFromBytes(file.buf, file.read());
		if (Number.isNaN(total)) throw new Error(`malformed ${path}`);
		return total;
	};
	const source: SampleSource = {
		prime() {},
		contribute(reading) {
			reading.psiSomeTotalUs = readSomeTotalUs();
		},
	};
	return {available: true, path, source, readSomeTotalUs, close: () => file.close()};
}

function unavailable(path: string, error: unknown): PsiProbe {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code === 'ENOENT' || code === 'ENOTDIR') {
		return {available: false, path, reason: 'absent', message: `${path} does not exist (not Linux, or a kernel without PSI)`};
	}
	if (code === 'EOPNOTSUPP' || code === 'ENOTSUP') {
		return {available: false, path, reason: 'disabled', message: `${path} cannot be read (EOPNOTSUPP): PSI is disabled on this kernel (psi=0)`};
	}
	const detail = error instanceof Error ? error.message : String(error);
	return {available: false, path, reason: 'unreadable', message: `${path} cannot be read: ${detail}`};
}

/** Whether PSI can be read here, and why not; reads the file once. */
export function psiAvailability(path: string = PSI_CPU_PATH): {available: boolean; reason?: string} {
	const probe = openPsi(path);
	if (!probe.available) return {available: false, reason: probe.message};
	probe.close();
	return {available: true};
}
