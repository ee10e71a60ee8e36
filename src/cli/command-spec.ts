import type {FlagSpecs, ParsedArgs} from './args.js';
import type {Io} from './io.js';

/** Runs one command with its parsed arguments; resolves with the exit code (see exit-codes.ts). */
export type CommandHandler = (parsed: ParsedArgs, io: Io) => Promise<number>;

/**
 * One row of the command table: what `llmtop --help` lists and how the
 * command's arguments are read. The handler is loaded only when the command
 * runs, so `--help` and bad flags stay fast.
 */
export interface CommandSpec {
	/** The words that name the command: `run`, `engine build`. */
	name: string;
	/** What it does, in a few words, for `llmtop --help`. */
	summary: string;
	/** Its arguments after the name, for `llmtop --help` (e.g. `A.json B.json [C.json...]`). */
	synopsis: string;
	/** The text `llmtop NAME --help` prints above the flags. */
	usage: string;
	flags: FlagSpecs;
	/** How many positional arguments it takes at most. */
	maxPositionals: number;
	load(): Promise<CommandHandler>;
}
