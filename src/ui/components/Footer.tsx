import {Line} from './Line.js';
import {useTheme} from '../theme.js';

/** Props of {@link Footer}. */
export interface FooterProps {
	hint: string;
	width: number;
}

/** The key hints line. */
export function Footer({hint, width}: FooterProps) {
	const theme = useTheme();
	return <Line text={hint} width={width} color={theme.title} dim={theme.dim} />;
}
