import {Box} from 'ink';
import {memo} from 'react';
import {STATE_CELLS} from '../prompt-cells.js';
import {markEmptyLines, oneLine, sanitize, tailLines} from '../text.js';
import {useTheme} from '../theme.js';
import type {PromptRow} from '../../run/view-types.js';
import {Line} from './Line.js';
import {TextBlock} from './TextBlock.js';

/** Props of {@link OutputPanel}. */
export interface OutputPanelProps {
	/** The prompt to show: the selected one, else the running or last one. */
	row: PromptRow | null;
	/** The row was picked by the user (not following the run). */
	selected: boolean;
	width: number;
	/** Lines in all, title included. */
	lines: number;
}

/** The tail of a prompt's output: streaming while it runs. */
export const OutputPanel = memo(function OutputPanel({row, selected, width, lines}: OutputPanelProps) {
	const theme = useTheme();
	if (lines < 1) return null;
	if (lines === 1) return <Line text={row ? `${oneLine(row.id)}: ${tail(row.response)}` : 'no prompt yet'} width={width} />;
	const body = row ? bodyLines(row, width, lines - 1) : ['no prompt yet'];
	return (
		<Box flexDirection="column" width={width} height={lines} overflowY="hidden">
			<Line text={outputTitle(row, selected)} width={width} color={theme.title} bold />
			<TextBlock lines={body} width={width} />
		</Box>
	);
});

/** `output · p3 ▸ run · 42 tok`, how to read it all when selected, and the prompt. */
export function outputTitle(row: PromptRow | null, selected: boolean): string {
	if (!row) return 'output';
	const how = selected ? ' · Enter reads all · Esc follows the run' : '';
	const prompt = row.prompt ? ` · > ${oneLine(row.prompt)}` : '';
	return `output · ${oneLine(row.id)} ${STATE_CELLS[row.state]} · ${row.outputTokens} tok${how}${prompt}`;
}

function bodyLines(row: PromptRow, width: number, count: number): string[] {
	const text = markEmptyLines(sanitize(row.response));
	if (text === '') {
		const waiting = row.state === 'running' ? 'waiting for the first token…' : row.state === 'pending' ? 'not started' : '(no output)';
		return [row.reason ? `${waiting} ${row.reason}` : waiting];
	}
	return tailLines(text, width, count);
}

function tail(text: string): string {
	return oneLine(text.length > 2000 ? text.slice(-2000) : text);
}
