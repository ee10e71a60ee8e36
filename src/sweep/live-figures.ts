/**
 * The figures of the run in progress, as the sweep's progress shows them:
 * read from the lines the child appends to its events file. A pure reducer
 * over events, cheap enough for a few per second.
 */
import type {RunEvent} from '../run/events.js';
import type {Phase} from '../run/types.js';

/** What the sweep shows of the run in progress. */
export interface LiveFigures {
	phase: Phase | 'starting';
	promptsDone: number;
	promptsTotal: number;
	/** Process CPU of the last sample, % of machine. */
	cpuPct: number | null;
	/** Mean process CPU over samples while prompts ran, % of machine. */
	activeCpuMean: number | null;
	rssBytes: number | null;
	/** Tokens generated so far. */
	tokens: number;
	/** Tokens per second of the prompt running now (from its first token). */
	tokensPerSec: number | null;
}

/** Internal tallies behind {@link LiveFigures}. */
export interface LiveState extends LiveFigures {
	activeCpuSum: number;
	activeSamples: number;
	promptFirstTokenT: number | null;
	promptTokens: number;
}

/** Before the first event. */
export function initialLive(): LiveState {
	return {
		phase: 'starting',
		promptsDone: 0,
		promptsTotal: 0,
		cpuPct: null,
		activeCpuMean: null,
		rssBytes: null,
		tokens: 0,
		tokensPerSec: null,
		activeCpuSum: 0,
		activeSamples: 0,
		promptFirstTokenT: null,
		promptTokens: 0,
	};
}

/** Applies one event. */
export function applyLive(state: LiveState, event: RunEvent): LiveState {
	switch (event.type) {
		case 'run-start':
			return {...state, promptsTotal: event.suite.prompts.length};
		case 'phase':
			return {...state, phase: event.name};
		case 'sample': {
			const active = event.phase === 'prompts';
			const activeCpuSum = state.activeCpuSum + (active ? event.cpuPct : 0);
			const activeSamples = state.activeSamples + (active ? 1 : 0);
			return {
				...state,
				cpuPct: event.cpuPct,
				rssBytes: event.rssBytes,
				activeCpuSum,
				activeSamples,
				activeCpuMean: activeSamples > 0 ? activeCpuSum / activeSamples : null,
			};
		}
		case 'prompt-start':
			return {...state, promptFirstTokenT: null, promptTokens: 0};
		case 'token': {
			const first = state.promptFirstTokenT ?? event.t;
			const promptTokens = state.promptTokens + 1;
			const seconds = (event.t - first) / 1000;
			return {
				...state,
				tokens: state.tokens + 1,
				promptFirstTokenT: first,
				promptTokens,
				tokensPerSec: seconds > 0 ? (promptTokens - 1) / seconds : state.tokensPerSec,
			};
		}
		case 'prompt-end':
			return {...state, promptsDone: state.promptsDone + 1};
		case 'model-loaded':
		case 'pause':
		case 'warning':
		case 'run-end':
			return state;
		default:
			return event satisfies never;
	}
}

/** Applies the complete lines of `text` (JSON per line); malformed lines are ignored. */
export function applyLines(state: LiveState, text: string): LiveState {
	let next = state;
	for (const line of text.split('\n')) {
		if (line.trim() === '') continue;
		try {
			const event = JSON.parse(line) as RunEvent;
			if (event && typeof event === 'object' && typeof event.type === 'string') next = applyLive(next, event);
		} catch {
			// a line cut by a crash: ignored
		}
	}
	return next;
}
