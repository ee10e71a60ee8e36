/**
 * The `llmtop compare` view (Ink): the comparison's sections printed once.
 * Takes display data only; reading reports and comparing them happen in
 * `src/report`.
 */
export {CompareView, themeStyler, type CompareViewProps} from './CompareView.js';
export {showComparison, type ShowComparisonOptions} from './show-comparison.js';
