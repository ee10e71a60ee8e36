/**
 * The engine: resolves a model reference, loads it through node-llama-cpp
 * (CPU and the prebuilt binary by default, never compiling), and runs one
 * prompt at a time with each token timed where it is produced.
 *
 * ```ts
 * await using engine = await openEngine({model: 'synthetic:tiny'});
 * const cap = createCpuCapPace({capPct: 35});      // only with --cpu-cap
 * const submittedAt = performance.now();           // TTFT counts from here
 * cap.begin();
 * const result = await engine.runPrompt({id: 'p1', prompt: 'Hi'}, {
 *   temperature: 0.7, topP: 0.9, maxTokens: 64,
 *   onPromptTokens: (n) => emit({type: 'prompt-start', promptId: 'p1', promptTokens: n, t: submittedAt}),
 *   onToken: (index, text, t) => emit({type: 'token', promptId: 'p1', index, t}),
 *   pace: cap.pace,
 * });
 * ```
 *
 * Report facts: `engine.model` is the report's `ModelInfo`; `HostInfo` takes
 * `llamaCppRelease`, `engineBuild` (`engine.engine.build`) and
 * `engineVariant` (`engine.engine.variant`) from `engine.engine`.
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
