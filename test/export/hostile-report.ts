import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {parseEvents} from '../../src/report/events-file.js';
import {buildReport} from '../../src/report/report.js';
import type {Report} from '../../src/report/types.js';
import type {RunEvent} from '../../src/run/events.js';
import {RunStore} from '../../src/run/store.js';

/** Strings a hostile model, suite or answer could carry. */
export const HOSTILE = {
	promptId: '<img src=x onerror="window.__pwned=2">',
	modelName: '<script>window.__pwned=1</script>model',
	answer: '</pre></td><script>window.__pwned=3</script>Paris & "Lyon" \u2028 ]]> |pipe|',
	check: '<b onclick="x()">mentions Paris</b>',
	path: '/home/alice/secret-models/evil.gguf',
};

const FIXTURE = fileURLToPath(new URL('../fixtures/events/tiny-smoke.jsonl', import.meta.url));

/** The real tiny-model run of the fixtures with hostile strings in a prompt id, the model name, answers, checks and paths. */
export function hostileEvents(): RunEvent[] {
	const text = readFileSync(FIXTURE, 'utf8').replaceAll('"smoke-arithmetic"', JSON.stringify(HOSTILE.promptId));
	const {events} = parseEvents(FIXTURE, text);
	return events.map((event): RunEvent => {
		switch (event.type) {
			case 'model-loaded':
				return {...event, model: {...event.model, name: HOSTILE.modelName, path: HOSTILE.path, ref: HOSTILE.path}};
			case 'prompt-end':
				return {
					...event,
					response: `${HOSTILE.answer} (${event.promptId})`,
					score: 0.5,
					checks: [
						{kind: 'icontains', description: HOSTILE.check, weight: 1, passed: true},
						{kind: 'regex', description: 'says <Lyon>', weight: 1, passed: false},
					],
				};
			default:
				return event;
		}
	});
}

/** The report of {@link hostileEvents}, with its timeline. */
export function hostileReport(): Report {
	const store = new RunStore();
	store.applyAll(hostileEvents());
	return buildReport(store);
}
