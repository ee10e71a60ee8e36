/**
 * The `llmtop compare` view (Ink): the comparison's sections printed once.
 * Takes display data only (lines of toned spans); reading reports, comparing
 * them and laying the comparison out happen in `src/report`.
 */
export {CompareView, themeStyler, type CompareSpan, type CompareTone, type CompareViewProps} from './CompareView.js';
export {showComparison, type ShowComparisonOptions} from './show-comparison.js';
