/** The `llmtop sweep` view (Ink): one row per configuration. Takes display data only. */
export {SweepView, type SweepViewProps, type SweepViewRow} from './SweepView.js';
export {showSweep, type SweepViewHandle} from './show-sweep.js';
