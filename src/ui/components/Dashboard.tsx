import {Box} from 'ink';
import {footerHint} from '../key-hints.js';
import type {Screen} from '../frame.js';
import {bodyHeight} from '../layout.js';
import type {UiState} from '../ui-state.js';
import type {PlaybackView} from '../view.js';
import {Footer} from './Footer.js';
import {GridBody} from './GridBody.js';
import {Header, headerAt} from './Header.js';
import {HelpOverlay} from './HelpOverlay.js';
import {MinimalBody} from './MinimalBody.js';
import {PromptInput} from './PromptInput.js';
import {ReaderOverlay} from './ReaderOverlay.js';
import {WarningBar} from './WarningBar.js';

/** Props of {@link Dashboard}. */
export interface DashboardProps {
	/** The view, its layout for the terminal size and the prompts table (see `frame.ts`). */
	screen: Screen;
	ui: UiState;
	/** Elapsed time the header's clock shows when it moved since the frame was built (ms); default: the view's. */
	clockMs?: number;
	/** Text appended to the key hints (`watch`: writer state, watcher CPU). */
	note?: string;
	/** Replay: where playback stands (shown instead of the clock). */
	playback?: PlaybackView | undefined;
	/** `try`: typed prompts waiting for the running one. */
	queued?: number;
	/** Where the report and events went, once written (the final screen's footer). */
	saved?: string | undefined;
}

/**
 * The whole screen for one frame, from plain data: header, warnings, the
 * body for the terminal size (full, compact or minimal) or an overlay, the
 * `try` input line and the key hints. At most `rows - 1` lines and `columns`
 * wide.
 */
export function Dashboard({screen, ui, clockMs, note, playback, queued, saved}: DashboardProps) {
	const {view, layout} = screen;
	const mode = view.header.mode;
	const inputLine = mode === 'try';
	const height = bodyHeight(layout, inputLine);
	const readerRow = ui.overlay === 'reader' && ui.selected !== null ? view.prompts[ui.selected] : undefined;
	const running = view.runningIndex >= 0 ? (view.prompts[view.runningIndex]?.id ?? null) : null;
	const paused = view.header.paused || playback?.paused === true;
	const hint = footerHint(mode, ui, {ended: view.header.ended, chartPages: layout.kind !== 'minimal', paused, saved});
	let body;
	if (ui.overlay === 'help') {
		body = <HelpOverlay mode={mode} spikeRule={view.spikeRule} width={layout.width} height={height} />;
	} else if (readerRow) {
		body = <ReaderOverlay row={readerRow} width={layout.width} height={height} scroll={ui.readerScroll} />;
	} else if (screen.table === null) {
		body = <MinimalBody view={view} ui={ui} layout={screen.layout} />;
	} else {
		body = <GridBody view={view} ui={ui} layout={screen.layout} table={screen.table} />;
	}
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height} overflowY="hidden">
			<Header
				header={headerAt(view.header, clockMs)}
				width={layout.width}
				windowMs={ui.windowMs}
				spikeCount={view.spikeCount}
				frozen={ui.frozen}
				playback={playback}
			/>
			<WarningBar warnings={view.warnings} width={layout.width} lines={layout.warningLines} />
			<Box flexDirection="column" height={height} overflowY="hidden">
				{body}
			</Box>
			{inputLine ? <PromptInput value={ui.input} typing={ui.typing} running={running} queued={queued} width={layout.width} /> : null}
			{ui.notice === null ? (
				<Footer hint={note ? `${note} · ${hint}` : hint} width={layout.width} />
			) : (
				<Footer hint={`✓ ${ui.notice}`} width={layout.width} notice />
			)}
		</Box>
	);
}
