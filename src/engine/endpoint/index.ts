/**
 * The endpoint engine: an OpenAI-compatible server (llama-server, ollama,
 * llama-cpp-python...) as the target, by URL (`--endpoint`, `--pid`) or
 * started by llmtop (`--launch`).
 */
export {openEndpointEngine, type EndpointOptions} from './open-endpoint.js';
export {EndpointEngine, checkPid} from './endpoint-engine.js';
export {parseEndpointUrl, identifyServer, EndpointModelError, type EndpointUrl, type ServerFacts} from './identify.js';
export {launchArgv, splitCommand, placeholdersOf, PLACEHOLDERS, type LaunchValues} from './launch-command.js';
export {launchServer, freePort, type LaunchedServer, type LaunchOptions} from './launch.js';
export {parseChunk, TokenAccounting, ChunkFormatError, type ChunkFacts, type StreamCounts} from './chat-chunk.js';
export {SseParser, type SseEvent} from './sse.js';
export * from './errors.js';
