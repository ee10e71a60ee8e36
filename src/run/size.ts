const UNITS: Readonly<Record<string, number>> = {
	b: 1,
	kb: 1e3,
	mb: 1e6,
	gb: 1e9,
	tb: 1e12,
	kib: 1024,
	mib: 1024 ** 2,
	gib: 1024 ** 3,
	tib: 1024 ** 4,
};

/**
 * Parses a size such as `6GiB`, `512 MiB`, `1.5GB` or `6442450944` into bytes.
 * Binary units (`KiB`, `MiB`, `GiB`, `TiB`) are powers of 1024, decimal ones
 * (`KB`, `MB`, `GB`, `TB`) powers of 1000; unit letters are case-insensitive.
 * Returns `null` for anything else (including negative sizes).
 */
export function parseSize(text: string): number | null {
	const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)?\s*$/i.exec(text);
	if (!match) return null;
	const unit = (match[2] ?? 'b').toLowerCase();
	const multiplier = UNITS[unit];
	if (multiplier === undefined) return null;
	return Math.round(Number(match[1]) * multiplier);
}
