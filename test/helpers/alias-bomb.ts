/**
 * A "billion laughs" YAML block: `levels` anchored lists, each `width` aliases
 * of the one before (width^levels values written with levels*width aliases).
 * Keys are `l0`..`lN`, each line prefixed with `indent`.
 */
export function aliasBomb(levels: number, width: number, indent = ''): string {
	const lines = [`${indent}l0: &l0 [${Array<string>(width).fill('lol').join(', ')}]`];
	for (let i = 1; i <= levels; i++)
		lines.push(
			`${indent}l${i}: &l${i} [${Array<string>(width)
				.fill(`*l${i - 1}`)
				.join(', ')}]`,
		);
	return `${lines.join('\n')}\n`;
}
