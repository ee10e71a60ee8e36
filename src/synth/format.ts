/** The synthesiser's short formats (decimal sizes and rounded counts, as model cards and file listings show them). */

/** A count rounded to about three digits, as model cards say it: `1_235_814_400` → `1.24B`, `134_515_008` → `135M`, `12K`. */
export function formatCountRounded(value: number): string {
	if (value >= 1e9) return `${(value / 1e9).toFixed(2)}B`;
	if (value >= 1e6) return `${(value / 1e6).toFixed(value >= 1e8 ? 0 : 1)}M`;
	if (value >= 1e3) return `${(value / 1e3).toFixed(0)}K`;
	return String(value);
}

/** Bytes as a short decimal size, as file listings show them: `803M`, `2.47G`, `3.9M`. */
export function formatDecimalBytesShort(bytes: number): string {
	if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)}G`;
	if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)}M`;
	if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)}K`;
	return `${bytes}B`;
}
