import vm from 'node:vm';
import {
	GeneralChatWrapper,
	JinjaTemplateChatWrapper,
	resolveChatWrapper,
	type ChatHistoryItem,
	type ChatWrapper,
	type LlamaModel,
	type LlamaText,
	type Token,
} from 'node-llama-cpp';
import {ChatTemplateTimeoutError} from './errors.js';

/** The chat wrapper a model's prompts go through, and how it was chosen. */
export interface ChatSetup {
	wrapper: ChatWrapper;
	/** For the report, e.g. `General (the model has no chat template)`. */
	description: string;
	/** Time each prompt's render gets, ms. @default TEMPLATE_TIMEOUT_MS */
	renderMs?: number;
}

/**
 * Time the model's chat template gets to render the sample turns, and each
 * prompt (node-llama-cpp renders Jinja in JS; SmolLM2's takes ~60 ms cold on a
 * loaded 2-core machine, a looping template ran 35 s and took 2.4 GB).
 */
export const TEMPLATE_TIMEOUT_MS = 5000;

/** The sample turns rendered before resolution: with and without a system message, as prompts come. */
const SAMPLES: ChatHistoryItem[][] = [
	[
		{type: 'system', text: 'You are a helpful assistant.'},
		{type: 'user', text: 'Hello, who are you?'},
		{type: 'model', response: []},
	],
	[
		{type: 'user', text: 'Hello, who are you?'},
		{type: 'model', response: []},
	],
];

/** Bounds on rendering a model's chat template, ms. */
export interface TemplateBounds {
	/** @default TEMPLATE_TIMEOUT_MS */
	renderMs?: number;
}

/**
 * Chooses the chat wrapper: node-llama-cpp's resolution from the model's own
 * chat template (`tokenizer.chat_template`) when the GGUF carries one, else
 * node-llama-cpp's General wrapper. A model without a template is not guessed
 * from its name or file name: a synthetic `llama` shape would otherwise get a
 * Llama 3 template it was never trained on, and runs would differ by file name.
 *
 * The template first renders sample turns (with and without a system message)
 * through node-llama-cpp's Jinja wrapper within {@link TEMPLATE_TIMEOUT_MS}
 * (the `vm` timeout interrupts node-llama-cpp's renderer too, and so bounds
 * the memory a looping template can take). One that does not finish is
 * replaced by the General wrapper, said in the description (and the report)
 * and through `warn`. Then node-llama-cpp's resolution (which renders the
 * template many more times, on longer histories, against known wrappers)
 * runs once within the same bound without the model's tokenizer and native
 * Jinja renderer: the real resolution calls the native tokenizer between
 * renders, which swallows a `vm` timeout, so a template that loops only on a
 * longer history would hang it. One that does not resolve in time is
 * replaced by the General wrapper the same way. Only then does the real
 * resolution run. A template the probe cannot render for another reason is
 * left to it, as before; what it renders through llama.cpp's native Jinja
 * renderer (templates node-llama-cpp's JS parser rejects) is not bounded.
 * Each prompt's render is bounded too ({@link renderPrompt}).
 */
export function chooseChatWrapper(model: LlamaModel, warn: (message: string) => void = () => undefined, bounds: TemplateBounds = {}): ChatSetup {
	const template = model.fileInfo.metadata.tokenizer?.chat_template;
	if (typeof template !== 'string' || template.trim() === '')
		return {wrapper: new GeneralChatWrapper(), description: 'General (the model has no chat template)'};
	const general = (reason: string): ChatSetup => {
		warn(`the model's chat template ${reason}; using the General chat wrapper instead`);
		return {wrapper: new GeneralChatWrapper(), description: `General (the model's chat template ${reason})`};
	};
	const renderMs = bounds.renderMs ?? TEMPLATE_TIMEOUT_MS;
	try {
		withinTime(() => {
			// the constructor renders the template too
			const jinja = new JinjaTemplateChatWrapper({template});
			for (const chatHistory of SAMPLES) jinja.generateContextState({chatHistory});
		}, renderMs);
	} catch (error) {
		if (error instanceof RenderTimeout) return general(`did not render within ${renderMs} ms`);
	}
	try {
		// The resolution once without the tokenizer and the native renderer: plain JS, so the bound holds.
		withinTime(
			() =>
				resolveChatWrapper({
					bosString: model.tokens.bosString,
					architecture: model.fileInfo.metadata.general?.architecture,
					filename: model.filename,
					fileInfo: model.fileInfo,
					warningLogs: false,
				}),
			renderMs,
		);
	} catch (error) {
		if (error instanceof RenderTimeout) return general(`did not resolve within ${renderMs} ms`);
	}
	const wrapper = resolveChatWrapper(model, {warningLogs: false});
	return {wrapper, description: `${wrapper.wrapperName} (from the model's chat template)`, renderMs};
}

/** What {@link withinTime} throws when the work ran out of time. */
class RenderTimeout extends Error {}

const boundedCall = new vm.Script('work()');
const boundedContext = vm.createContext({work: (): unknown => undefined});

/** Runs `work` synchronously, interrupted after `timeoutMs` (a `vm` timeout stops any JS the call runs, node-llama-cpp's included). */
function withinTime<T>(work: () => T, timeoutMs: number): T {
	(boundedContext as {work: () => unknown}).work = work;
	try {
		return boundedCall.runInContext(boundedContext, {timeout: timeoutMs}) as T;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new RenderTimeout();
		throw error;
	} finally {
		(boundedContext as {work: () => unknown}).work = () => undefined;
	}
}

/** A prompt rendered through the chat wrapper, ready to evaluate. */
export interface RenderedPrompt {
	tokens: Token[];
	stopTriggers: readonly LlamaText[];
}

/**
 * Renders one system + user turn and opens the model's turn, within the
 * setup's time bound ({@link ChatTemplateTimeoutError} past it: the prompt
 * fails, the engine stays usable). No system
 * message when `system` is absent. node-llama-cpp's wrappers start with a BOS
 * token; a model whose GGUF says not to prepend one (`add_bos_token` false)
 * gets none: SmolLM2's BOS is `<|im_start|>`, so its prompts began with that
 * token twice, which its own template never produces.
 */
export function renderPrompt(setup: ChatSetup, model: LlamaModel, p: {id?: string; prompt: string; system?: string}): RenderedPrompt {
	const history: ChatHistoryItem[] = [];
	if (p.system != null && p.system !== '') history.push({type: 'system', text: p.system});
	history.push({type: 'user', text: p.prompt}, {type: 'model', response: []});
	const renderMs = setup.renderMs ?? TEMPLATE_TIMEOUT_MS;
	let state: ReturnType<ChatWrapper['generateContextState']>;
	try {
		state = withinTime(() => setup.wrapper.generateContextState({chatHistory: history}), renderMs);
	} catch (error) {
		if (error instanceof RenderTimeout) throw new ChatTemplateTimeoutError(p.id, renderMs);
		throw error;
	}
	const tokens = state.contextText.tokenize(model.tokenizer);
	const strayBos = !model.tokens.shouldPrependBosToken && model.tokens.bos !== null && tokens[0] === model.tokens.bos;
	return {tokens: strayBos ? tokens.slice(1) : tokens, stopTriggers: state.stopGenerationTriggers};
}
