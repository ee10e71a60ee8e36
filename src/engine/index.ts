/**
 * The engine: resolves a model reference, loads it through node-llama-cpp
 * (CPU by default), and runs one prompt at a time with per-token timing taken
 * where each token is produced.
 *
 * ```ts
 * await using engine = await openEngine({model: 'synthetic:tiny', threads: 1});
 * const submittedAt = performance.now();
 * const result = await engine.runPrompt({id: 'p1', prompt: 'Hi'}, {
 *   temperature: 0, topP: 1, maxTokens: 64,
 *   onPromptTokens: (n) => emit({type: 'prompt-start', promptId: 'p1', promptTokens: n, t: submittedAt}),
 *   onToken: (index, text, t) => emit({type: 'token', promptId: 'p1', index, t}),
 * });
 * ```
 */
export {openEngine} from './open-engine.js';
export type {Engine, EngineInfo, EngineOptions, LoadStage, PromptInput, PromptResult, RunPromptOptions} from './types.js';
export type {EngineBuild, EngineFacts} from './llama-binding.js';
export type {Pace, PaceInfo, StopReason} from './decode-loop.js';
export {defaultThreads, DEFAULT_BATCH_SIZE, DEFAULT_CONTEXT_SIZE} from './options.js';
export {applyNice, readThreadNice, type NiceReport, type ThreadNice} from './nice.js';
export {CpuPacer, type CpuPacerOptions, type StepCost} from './pacer.js';
export {createCpuCapPace, type CpuCapPace, type CpuCapPaceOptions} from './cpu-cap.js';
export {resolveModel, type ResolveModelOptions, type ResolvedModel} from './resolve-model.js';
export {parseModelRef, type ModelRef} from './model-ref.js';
export {checkGgufFile} from './gguf-check.js';
export {DEFAULT_NETWORK_TIMEOUT_MS} from './resolve-remote.js';
export * from './errors.js';
