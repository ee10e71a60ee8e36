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
	width: number;
}

/** The `try` prompt line: `try › text█`, the tail kept in view as it grows. */
export const PromptInput = memo(function PromptInput({value, typing, running, width}: PromptInputProps) {
	const theme = useTheme();
	if (!typing) {
		const text = running ? `KEYS mode · ${running} running · s aborts · i or Esc to type` : 'KEYS mode · i or Esc to type a prompt';
		return <Line text={text} width={width} color={theme.warn} bold />;
	}
	const prefix = running ? `try (${running} running, Esc aborts) › ` : 'try › ';
	const room = Math.max(1, width - displayWidth(prefix) - 1);
	const tail = truncateStart(sanitize(value), room);
	return <Line text={truncate(`${prefix}${tail}█`, width)} width={width} color={theme.selected} bold />;
});
