import {
	auditJson,
	auditSuite,
	builtinSuiteNames,
	builtinSuitePath,
	DEFAULT_MAX_GAMED,
	formatAudit,
	loadSuite,
	SuiteError,
	type SuiteAudit,
} from '../../suite/index.js';
import type {ParsedArgs} from '../args.js';
import {EXIT} from '../exit-codes.js';
import type {Io} from '../io.js';

/** `llmtop suite check [FILE]`: exit 0 sound, 1 gameable, 2 a suite that does not load (each named on stderr). */
export async function suiteCheckCommand(parsed: ParsedArgs, io: Io): Promise<number> {
	const {flags, positionals} = parsed;
	const maxGamed = (flags['max-gamed'] as number | undefined) ?? DEFAULT_MAX_GAMED;
	const file = positionals[0];
	const paths = file === undefined ? builtinSuiteNames().map((name) => builtinSuitePath(name)!) : [builtinSuitePath(file) ?? file];
	const audits: SuiteAudit[] = [];
	let unloadable = false;
	for (const path of paths) {
		try {
			audits.push(auditSuite(loadSuite(path), maxGamed));
		} catch (error) {
			if (!(error instanceof SuiteError)) throw error;
			unloadable = true;
			io.err(`llmtop: ${error.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : ''}`);
		}
	}
	if (flags['json']) io.out(JSON.stringify({maxGamed, suites: audits.map(auditJson)}, null, 2));
	else if (audits.length > 0) io.out(audits.flatMap(formatAudit).join('\n'));
	if (unloadable) return EXIT.usage;
	return audits.some((audit) => audit.gameable) ? EXIT.fail : EXIT.pass;
}
