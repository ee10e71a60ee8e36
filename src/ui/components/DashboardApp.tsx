import {useInput, type Key} from 'ink';
import {useCallback, useMemo, useRef, useState} from 'react';
import type {RunStore} from '../../run/store.js';
import type {FrameRates} from '../frame-clock.js';
import {useStoreFrames} from '../hooks/use-store-frames.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {selectView} from '../select-view.js';
import {initialUiState, reduceKey, type Command, type KeyContext, type UiState} from '../ui-state.js';
import type {DashboardMode, DashboardView} from '../view.js';
import {Dashboard} from './Dashboard.js';
import {readerLines} from './ReaderOverlay.js';
import {computeLayout, type Size} from '../layout.js';

/** What the dashboard asks of the run controller. Each call returns at once; the controller acts asynchronously. */
export interface DashboardControls {
	/** `q`, Ctrl+C (Ctrl+Q in `try`): stop the run (if any) and exit. The controller unmounts the dashboard. */
	quit(): void;
	/** `p`: pause or resume between prompts. */
	togglePause(): void;
	/** `s`: skip the current prompt. */
	skipPrompt(): void;
	/** `try`, Enter: run this prompt. */
	submitPrompt?(text: string): void;
	/** `try`, Esc (or `s` in keys mode): abort the running prompt. */
	abortPrompt?(): void;
	/** `try`, Ctrl+S: save a report of the tryouts. */
	saveReport?(): void;
}

/** Props of {@link DashboardApp}. */
export interface DashboardAppProps {
	store: RunStore;
	controls: DashboardControls;
	mode: DashboardMode;
	rates: FrameRates;
	/** Whether stdin can deliver keys (a TTY). */
	interactive: boolean;
}

/** The dashboard connected to the store, the terminal size and the keyboard. */
export function DashboardApp({store, controls, mode, rates, interactive}: DashboardAppProps) {
	const size = useTerminalSize();
	const [ui, setUi] = useState(() => initialUiState(mode));
	const version = useStoreFrames(store, rates);
	// eslint-disable-next-line react-hooks/exhaustive-deps
	const view = useMemo(() => selectView(store, mode, ui.windowMs), [store, mode, version, ui.windowMs]);
	const latest = useRef({ui, view, size});
	latest.current = {ui, view, size};
	const onKey = useCallback(
		(input: string, key: Key) => {
			const current = latest.current;
			const result = reduceKey(current.ui, input, key, keyContext(current.view, current.ui, current.size));
			if (result.state !== current.ui) {
				latest.current = {...current, ui: result.state};
				setUi(result.state);
			}
			if (result.command) runCommand(controls, result.command);
		},
		[controls],
	);
	useInput(onKey, {isActive: interactive});
	return <Dashboard view={view} ui={ui} size={size} />;
}

/** The facts {@link reduceKey} needs, from the frame on screen. */
export function keyContext(view: DashboardView, ui: UiState, size: Size): KeyContext {
	const layout = computeLayout(size, {warnings: view.warnings.length, inputLine: view.header.mode === 'try', criteria: view.criteria.length});
	const page = Math.max(1, layout.height - 4 - layout.warningLines - (view.header.mode === 'try' ? 1 : 0));
	const row = ui.selected === null ? undefined : view.prompts[ui.selected];
	const lines = row ? readerLines(row, layout.width).length : 0;
	return {
		mode: view.header.mode,
		promptCount: view.prompts.length,
		runningIndex: view.runningIndex,
		readerMaxScroll: Math.max(0, lines - page),
		readerPage: page,
	};
}

/** Hands a command to the controller (optional controls missing: ignored). */
export function runCommand(controls: DashboardControls, command: Command): void {
	switch (command.kind) {
		case 'quit':
			controls.quit();
			return;
		case 'pause':
			controls.togglePause();
			return;
		case 'skip':
			controls.skipPrompt();
			return;
		case 'submit':
			controls.submitPrompt?.(command.text);
			return;
		case 'abort':
			controls.abortPrompt?.();
			return;
		case 'save':
			controls.saveReport?.();
			return;
		default:
			command satisfies never;
	}
}
