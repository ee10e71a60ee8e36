import {Box, Text} from 'ink';
import {useTheme, type Theme} from '../theme.js';

/** One configuration's row. */
export interface SweepViewRow {
	label: string;
	status: string;
	tone: 'good' | 'bad' | 'pending' | 'dim';
	figures: string;
}

/** Props of {@link SweepView}. */
export interface SweepViewProps {
	/** `llmtop sweep -> DIR`. */
	title: string;
	/** `3/12 done  ETA 4m05s`. */
	headline: string;
	rows: readonly SweepViewRow[];
	/** A last line (e.g. `Ctrl+C stops: finished configurations are kept`). */
	footer?: string;
}

/**
 * `llmtop sweep` in a terminal: one row per configuration filling in as the
 * sweep goes (status, then figures; the running one shows its live figures).
 * Takes display data only.
 */
export function SweepView({title, headline, rows, footer}: SweepViewProps) {
	const theme = useTheme();
	const labelWidth = Math.max(13, ...rows.map((row) => row.label.length)) + 2;
	const statusWidth = Math.max(6, ...rows.map((row) => row.status.length)) + 2;
	return (
		<Box flexDirection="column">
			<Text bold={theme.color} color={theme.title}>
				{title}
			</Text>
			<Text>{headline}</Text>
			{rows.map((row, i) => (
				<Box key={i}>
					{/* Label and status keep their width; only the figures give way on a narrow terminal. */}
					<Box flexShrink={0} width={labelWidth}>
						<Text>{row.label}</Text>
					</Box>
					<Box flexShrink={0} width={statusWidth}>
						<Text color={toneColor(theme, row.tone)} dimColor={row.tone === 'dim' && theme.dim}>
							{row.status}
						</Text>
					</Box>
					<Text wrap="truncate-end">{row.figures}</Text>
				</Box>
			))}
			{footer ? <Text dimColor={theme.dim}>{footer}</Text> : null}
		</Box>
	);
}

function toneColor(theme: Theme, tone: SweepViewRow['tone']): string | undefined {
	switch (tone) {
		case 'good':
			return theme.good;
		case 'bad':
			return theme.bad;
		case 'pending':
			return theme.pending;
		case 'dim':
			return undefined;
		default:
			return tone satisfies never;
	}
}
