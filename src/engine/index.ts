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
 * (`openEngine` is in `open-engine.ts`, `createCpuCapPace` in `cpu-cap.ts`.)
 *
 * Report facts: `engine.model` is the report's `ModelInfo`; `HostInfo` takes
 * `llamaCppRelease`, `engineBuild` (`engine.engine.build`) and
 * `engineVariant` (`engine.engine.variant`) from `engine.engine`.
 */
export type {Engine, EngineOptions, PromptInput, PromptResult, RunPromptOptions} from './types.js';
export {defaultThreads} from './options.js';
export * from './errors.js';
