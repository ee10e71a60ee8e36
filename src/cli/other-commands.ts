import type {Io} from './io.js';

/** compare, replay, score, learnings and engine: each in its own module, loaded on use. */
export async function otherCommand(command: 'compare' | 'replay' | 'score' | 'learnings' | 'engine', argv: string[], io: Io): Promise<number> {
	switch (command) {
		case 'compare':
			return (await import('./compare-command.js')).compareCommand(argv, io);
		case 'replay':
			return (await import('./replay-command.js')).replayCommand(argv, io);
		case 'score':
			return (await import('./score-command.js')).scoreCommand(argv, io);
		case 'learnings':
			return (await import('./learnings-command.js')).learningsCommand(argv, io);
		case 'engine':
			return (await import('./engine-command.js')).engineCommand(argv, io);
		default:
			return command satisfies never;
	}
}
