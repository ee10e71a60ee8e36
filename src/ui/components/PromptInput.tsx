import {memo} from 'react';
import {displayWidth, sanitize, truncate, truncateStart} from '../text.js';
import {useTheme} from '../theme.js';
import {Line} from './Line.js';

/** Props of {@link PromptInput}. */
export interface PromptInputProps {
	value: string;
	/** Keys go to the line (typing) or act as commands. */
	typing: boolean;
	/** Id of the running tryout, if any. */
	running: string | null;
	/** Typed prompts waiting for the running one. */
	queued?: number;
	width: number;
}

/** The `try` prompt line: `try › text█` (`try (try-1 running, 1 queued, Esc aborts) › `), the tail kept in view as it grows. */
export const PromptInput = memo(function PromptInput({value, typing, running, queued = 0, width}: PromptInputProps) {
	const theme = useTheme();
	if (!typing) {
		const waiting = queued > 0 ? ` · ${queued} queued` : '';
		const text = running ? `KEYS mode · ${running} running${waiting} · s aborts · i or Esc to type` : `KEYS mode${waiting} · i or Esc to type a prompt`;
		return <Line text={text} width={width} color={theme.warn} bold />;
	}
	const waiting = queued > 0 ? `, ${queued} queued` : '';
	const prefix = running ? `try (${running} running${waiting}, Esc aborts) › ` : queued > 0 ? `try (${queued} queued) › ` : 'try › ';
	const room = Math.max(1, width - displayWidth(prefix) - 1);
	const tail = truncateStart(sanitize(value), room);
	return <Line text={truncate(`${prefix}${tail}█`, width)} width={width} color={theme.selected} bold />;
});
