import {Box} from 'ink';
import {formatMs, formatRate, formatRatio} from '../../run/format.js';
import {STATE_CELLS} from '../prompt-cells.js';
import {markEmptyLines, oneLine, sanitize, truncate, wrapLines} from '../text.js';
import {useTheme} from '../theme.js';
import type {PromptRow} from '../../run/view-types.js';
import {Line} from './Line.js';
import {TextBlock} from './TextBlock.js';

/** Props of {@link ReaderOverlay}. */
export interface ReaderOverlayProps {
	row: PromptRow;
	width: number;
	height: number;
	/** First body line shown. */
	scroll: number;
}

/** One prompt's full output, scrollable; replaces the dashboard's body. */
export function ReaderOverlay({row, width, height, scroll}: ReaderOverlayProps) {
	const theme = useTheme();
	const lines = readerLines(row, width);
	const page = Math.max(0, height - 1);
	const first = Math.max(0, Math.min(scroll, lines.length - page));
	const shown = lines.slice(first, first + page);
	const position = lines.length > page ? ` · lines ${first + 1}-${first + shown.length} of ${lines.length}` : '';
	const title = `${oneLine(row.id)} ${STATE_CELLS[row.state]} · TTFT ${formatMs(row.ttftMs)} · E2E ${formatMs(row.e2eMs)} · ${row.outputTokens} tok · ${formatRate(row.decodeTokensPerSec)} tok/s · score ${formatRatio(row.score)}${position}`;
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<Line text={title} width={width} color={theme.title} bold />
			<TextBlock lines={shown} width={width} />
		</Box>
	);
}

/** The reader's body: the prompt, then the output (or the reason there is none), wrapped to `width`. */
export function readerLines(row: PromptRow, width: number): string[] {
	const prompt = row.prompt === null ? [] : [...wrapLines(`> ${sanitize(row.prompt)}`, width), ''];
	const output = markEmptyLines(sanitize(row.response));
	const body = output === '' ? [row.reason ?? '(no output yet)'] : wrapLines(output, width);
	return [...prompt, ...body].map((line) => truncate(line, width));
}
