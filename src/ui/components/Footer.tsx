import {Line} from './Line.js';
import {useTheme} from '../theme.js';

/** Props of {@link Footer}. */
export interface FooterProps {
	hint: string;
	width: number;
	/** A passing confirmation instead of the key hints (not a warning). */
	notice?: boolean;
}

/** The key hints line. */
export function Footer({hint, width, notice = false}: FooterProps) {
	const theme = useTheme();
	if (notice) return <Line text={hint} width={width} color={theme.good} />;
	return <Line text={hint} width={width} color={theme.title} dim={theme.dim} />;
}
