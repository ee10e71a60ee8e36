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

/** The chat wrapper a model's prompts go through, and how it was chosen. */
export interface ChatSetup {
	wrapper: ChatWrapper;
	/** For the report, e.g. `General (the model has no chat template)`. */
	description: string;
}

/**
 * Time the model's chat template gets to render a sample turn once
 * (node-llama-cpp renders Jinja in JS; SmolLM2's takes ~60 ms cold on a loaded
 * 2-core machine, a looping template ran 35 s and took 2.4 GB).
 */
export const TEMPLATE_TIMEOUT_MS = 5000;

const SAMPLE: ChatHistoryItem[] = [
	{type: 'system', text: 'You are a helpful assistant.'},
	{type: 'user', text: 'Hello, who are you?'},
	{type: 'model', response: []},
];

/**
 * Chooses the chat wrapper: node-llama-cpp's resolution from the model's own
 * chat template (`tokenizer.chat_template`) when the GGUF carries one, else
 * node-llama-cpp's General wrapper. A model without a template is not guessed
 * from its name or file name: a synthetic `llama` shape would otherwise get a
 * Llama 3 template it was never trained on, and runs would differ by file name.
 *
 * The template first renders a sample turn once through node-llama-cpp's
 * Jinja wrapper inside a `vm` timeout of {@link TEMPLATE_TIMEOUT_MS} (the
 * timeout interrupts node-llama-cpp's renderer too, and so bounds the memory
 * a looping template can take). One that does not finish is replaced by the
 * General wrapper, said in the description (and the report) and through
 * `warn`. Only then does node-llama-cpp's resolution (which renders the
 * template many more times against known wrappers) run; a template the probe
 * cannot render for another reason is left to that resolution, as before.
 */
export function chooseChatWrapper(model: LlamaModel, warn: (message: string) => void = () => undefined): ChatSetup {
	const template = model.fileInfo.metadata.tokenizer?.chat_template;
	if (typeof template !== 'string' || template.trim() === '')
		return {wrapper: new GeneralChatWrapper(), description: 'General (the model has no chat template)'};
	try {
		const probe = (): void => {
			new JinjaTemplateChatWrapper({template}).generateContextState({chatHistory: SAMPLE});
		};
		vm.runInContext('probe()', vm.createContext({probe}), {timeout: TEMPLATE_TIMEOUT_MS});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
			const reason = `did not render within ${TEMPLATE_TIMEOUT_MS} ms`;
			warn(`the model's chat template ${reason}; using the General chat wrapper instead`);
			return {wrapper: new GeneralChatWrapper(), description: `General (the model's chat template ${reason})`};
		}
	}
	const wrapper = resolveChatWrapper(model, {warningLogs: false});
	return {wrapper, description: `${wrapper.wrapperName} (from the model's chat template)`};
}

/** A prompt rendered through the chat wrapper, ready to evaluate. */
export interface RenderedPrompt {
	tokens: Token[];
	stopTriggers: readonly LlamaText[];
}

/**
 * Renders one system + user turn and opens the model's turn. No system
 * message when `system` is absent. node-llama-cpp's wrappers start with a BOS
 * token; a model whose GGUF says not to prepend one (`add_bos_token` false)
 * gets none: SmolLM2's BOS is `<|im_start|>`, so its prompts began with that
 * token twice, which its own template never produces.
 */
export function renderPrompt(setup: ChatSetup, model: LlamaModel, p: {prompt: string; system?: string}): RenderedPrompt {
	const history: ChatHistoryItem[] = [];
	if (p.system != null && p.system !== '') history.push({type: 'system', text: p.system});
	history.push({type: 'user', text: p.prompt}, {type: 'model', response: []});
	const state = setup.wrapper.generateContextState({chatHistory: history});
	const tokens = state.contextText.tokenize(model.tokenizer);
	const strayBos = !model.tokens.shouldPrependBosToken && model.tokens.bos !== null && tokens[0] === model.tokens.bos;
	return {tokens: strayBos ? tokens.slice(1) : tokens, stopTriggers: state.stopGenerationTriggers};
}
