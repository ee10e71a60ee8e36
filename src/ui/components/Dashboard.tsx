import {Box} from 'ink';
import {footerHint} from '../key-hints.js';
import {bodyHeight, dashboardLayout, type Size} from '../layout.js';
import type {UiState} from '../ui-state.js';
import type {DashboardView} from '../view.js';
import {Footer} from './Footer.js';
import {GridBody} from './GridBody.js';
import {Header} from './Header.js';
import {HelpOverlay} from './HelpOverlay.js';
import {MinimalBody} from './MinimalBody.js';
import {PromptInput} from './PromptInput.js';
import {ReaderOverlay} from './ReaderOverlay.js';
import {WarningBar} from './WarningBar.js';

/** Props of {@link Dashboard}. */
export interface DashboardProps {
	view: DashboardView;
	ui: UiState;
	size: Size;
	/** The prompts table already rendered to text (see `frame.ts`); rendered live without it. */
	table?: readonly string[] | undefined;
}

/**
 * The whole screen for one frame, from plain data: header, warnings, the
 * body for the terminal size (full, compact or minimal) or an overlay, the
 * `try` input line and the key hints. At most `rows - 1` lines and `columns`
 * wide.
 */
export function Dashboard({view, ui, size, table}: DashboardProps) {
	const mode = view.header.mode;
	const inputLine = mode === 'try';
	const layout = dashboardLayout(view, size);
	const height = bodyHeight(layout, inputLine);
	const readerRow = ui.overlay === 'reader' && ui.selected !== null ? view.prompts[ui.selected] : undefined;
	const running = view.runningIndex >= 0 ? (view.prompts[view.runningIndex]?.id ?? null) : null;
	let body;
	if (ui.overlay === 'help') {
		body = <HelpOverlay mode={mode} spikeRule={view.spikeRule} width={layout.width} height={height} />;
	} else if (readerRow) {
		body = <ReaderOverlay row={readerRow} width={layout.width} height={height} scroll={ui.readerScroll} />;
	} else if (layout.kind === 'minimal') {
		body = <MinimalBody view={view} ui={ui} layout={layout} />;
	} else {
		body = <GridBody view={view} ui={ui} layout={layout} table={table} />;
	}
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height} overflowY="hidden">
			<Header header={view.header} width={layout.width} windowMs={ui.windowMs} spikeCount={view.spikeCount} />
			<WarningBar warnings={view.warnings} width={layout.width} lines={layout.warningLines} />
			<Box flexDirection="column" height={height} overflowY="hidden">
				{body}
			</Box>
			{inputLine ? <PromptInput value={ui.input} typing={ui.typing} running={running} width={layout.width} /> : null}
			<Footer hint={footerHint(mode, ui)} width={layout.width} />
		</Box>
	);
}
