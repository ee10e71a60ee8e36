/**
 * The sampler: an interval loop reading process, thread and machine counters,
 * and the probes that stand in for the user (canary, PSI, load workers).
 * Producers only: the run controller turns readings into `sample` events.
 */
export {startSampler, type Sampler, type SamplerOptions} from './sampler.js';
export type {SampleReading, SampleSource, SamplerClock, SamplerProbes, SystemCpuTimes} from './types.js';
export {realClock} from './clock.js';
export {nextTick} from './schedule.js';
export {createDefaultProbes} from './probes.js';
export {openMachineProbes, ownPageSize, type MachineProbes} from './machine-probes.js';
export {createPortableProbes} from './probes-portable.js';
export {ProcessTree, ProcessGoneError, ProcessUnreadableError, isAlive, type TreeReading} from './process-tree.js';
export {createProcessTreeProbes, type ProcessTreeProbeOptions} from './tree-probes.js';
export {parseMeminfo, parseProcStatCpu, parseSchedstatNs, parseStatmResidentPages, parseTaskStat, type MemInfo, type TaskStat} from './proc-parse.js';
export {readHostInfo, parseOsRelease} from './host-info.js';
export {readMachineCpus} from './machine-cpus.js';
export {parsePsi, psiSomeTotalUsFromBytes} from './psi.js';
export {openPsi} from './psi-probe.js';
export {startCanary, canaryCommand, type Canary, type CanaryImpl} from './canary.js';
export {buildCanary} from './canary-build.js';
export {WakeSchedule, summarizeLateness, type LatenessSummary} from './canary-schedule.js';
export {LatenessDecoder} from './canary-decoder.js';
export {startLoadWorkers, loadWorkerCommand} from './load-workers.js';
