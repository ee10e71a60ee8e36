import type {SampleEvent} from '../run/events.js';
import type {Phase} from '../run/types.js';
import type {SampleReading} from '../sampler/types.js';

/** Turns a sampler reading into the `sample` event of the current phase (and prompt, while one runs). */
export function toSampleEvent(reading: SampleReading, phase: Phase, promptId?: string): SampleEvent {
	const {t, ...measured} = reading;
	const event: SampleEvent = {type: 'sample', t, phase, ...measured};
	if (promptId !== undefined) event.promptId = promptId;
	return event;
}
