/**
 * Bounds on a parsed YAML document (suite, criteria and sweep matrix files),
 * checked before anything reads its values: the `yaml` package resolves an
 * alias by walking the whole document (quadratic in the number of aliases),
 * deep nesting exhausts the stack, and a few aliases of aliases (the
 * "billion laughs") stand for 10^9 values that any later `toJS` would build.
 */
import {isAlias, isCollection, isNode, isPair, visit, type Document, type Node} from 'yaml';

/** The bounds: aliases written, collection depth, and values the aliases add when expanded. */
export const YAML_LIMITS = {aliases: 100, depth: 64, expansion: 10_000} as const;

/** A bound the document exceeds: what and where (a character offset when known). */
export interface YamlLimitIssue {
	offset?: number;
	message: string;
}

/** The message for a document whose parser overflowed the stack (a `RangeError`). */
export const TOO_DEEP_TO_READ = `nested too deeply to read (at most ${YAML_LIMITS.depth} levels)`;

/**
 * Whether `error` is the stack running out: a `RangeError`, or the
 * `SyntaxError` V8 throws when it runs out while compiling a regular
 * expression (the YAML lexer's, ~1,100 levels of indentation deep).
 */
export function isStackOverflow(error: unknown): boolean {
	return error instanceof RangeError || (error instanceof Error && error.message.includes('Maximum call stack size exceeded'));
}

/** The first bound `doc` exceeds, or undefined. */
export function checkYamlLimits(doc: Document): YamlLimitIssue | undefined {
	const anchors = new Map<string, Node>();
	const targets = new Map<Node, Node | undefined>();
	let aliases = 0;
	let written = 0;
	let found: YamlLimitIssue | undefined;
	try {
		visit(doc, (_key, node, path) => {
			if (!isPair(node)) written++;
			if (isAlias(node)) {
				if (++aliases > YAML_LIMITS.aliases) {
					found = at(node, `uses more than ${YAML_LIMITS.aliases} YAML aliases (*name); write the values out`);
					return visit.BREAK;
				}
				targets.set(node, anchors.get(node.source));
			} else if (isCollection(node) && path.filter(isCollection).length >= YAML_LIMITS.depth) {
				found = at(node, `nested more than ${YAML_LIMITS.depth} levels deep`);
				return visit.BREAK;
			}
			if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
			return undefined;
		});
	} catch (error) {
		if (isStackOverflow(error)) return {message: TOO_DEEP_TO_READ};
		throw error;
	}
	return found ?? checkExpansion(doc, targets, written);
}

/** Refuses aliases that, written out, would add more than {@link YAML_LIMITS.expansion} values. */
function checkExpansion(doc: Document, targets: Map<Node, Node | undefined>, written: number): YamlLimitIssue | undefined {
	if (targets.size === 0) return undefined;
	const sizes = new Map<Node, number>();
	const open = new Set<Node>();
	const size = (node: unknown): number => {
		if (!node || typeof node !== 'object') return 0;
		if (isPair(node)) return size(node.key) + size(node.value);
		const yamlNode = node as Node;
		const known = sizes.get(yamlNode);
		if (known !== undefined) return known;
		if (open.has(yamlNode)) return Number.POSITIVE_INFINITY;
		open.add(yamlNode);
		let total = 1;
		if (isAlias(yamlNode)) total = size(targets.get(yamlNode));
		else if (isCollection(yamlNode)) for (const item of yamlNode.items) total += size(item);
		open.delete(yamlNode);
		sizes.set(yamlNode, total);
		return total;
	};
	if (size(doc.contents) - written <= YAML_LIMITS.expansion) return undefined;
	const largest = [...targets.keys()].reduce((a, b) => (size(b) > size(a) ? b : a));
	return at(largest, `YAML aliases (*name) expand to more than ${YAML_LIMITS.expansion} values (an alias bomb); write the values out`);
}

function at(node: Node, message: string): YamlLimitIssue {
	const offset = node.range?.[0];
	return offset === undefined ? {message} : {offset, message};
}
