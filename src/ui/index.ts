/**
 * The live dashboard and interactive tryouts (Ink). Entry point:
 * {@link startDashboard}. Views take plain data selected from the run store;
 * nothing here samples, loads models or touches files.
 */
export {startDashboard, type DashboardHandle, type DashboardOptions} from './start-dashboard.js';
export type {DashboardControls} from './components/DashboardApp.js';
export {DEFAULT_FRAME_RATES, type FrameRates} from './frame-clock.js';
export type {DashboardMode} from './view.js';
