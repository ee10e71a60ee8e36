/**
 * Escaping for every untrusted string (answers, model names, prompt ids,
 * paths) that goes into an HTML, XML or Markdown file.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

/** Text for an HTML element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] as string);
}

/** Text for XML content or a quoted attribute: also drops the control characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
	return escapeHtml(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD'));
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&` and the
 * JavaScript line separators are written as `\u` escapes, so no string
 * inside can close the script element or start a comment.
 */
export function jsonForScript(value: unknown): string {
	return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for a Markdown table cell or line: HTML-escaped (job summaries render HTML), pipes, backticks and newlines neutralised. */
export function escapeMarkdown(text: string): string {
	return escapeHtml(text.replace(/[\\`*_[\]|]/g, (char) => `\\${char}`)).replace(/\r?\n/g, ' ');
}
