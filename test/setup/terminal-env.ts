/**
 * Tests that render Ink stand in for a user's terminal. CI sets `CI`, under
 * which Ink (via `is-in-ci`, read when Ink is first imported) draws no frames
 * until exit; so the CI variables are removed before any test file imports
 * Ink. llmtop's own handling of CI is tested in test/cli/view.test.ts and in
 * test/e2e/replay-compare-tui.test.ts.
 */
// Kept for tests whose tools are required under CI (a missing one fails there instead of skipping).
if (process.env['CI'] && process.env['CI'] !== 'false') process.env['LLMTOP_TEST_UNDER_CI'] = '1';
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
