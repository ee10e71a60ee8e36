/**
 * The one sanitiser for text that came from a file or a model (answers,
 * model names, suite ids, warnings, report fields, error details) on its way
 * to a terminal or a Markdown file: escape sequences (CSI such as `ESC[2J`,
 * OSC such as OSC 52 clipboard writes and OSC 0 titles, DCS/APC/PM/SOS
 * strings, 8-bit C1 forms) are removed with their payload, other C0/C1
 * control characters and bidirectional overrides are dropped, tabs become
 * two spaces. Newlines are kept by {@link sanitize} and folded by
 * {@link sanitizeLine}.
 */

/** Anything that can make a terminal do something other than print. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Escape sequences with their payload: CSI (7- and 8-bit), OSC/DCS/APC/PM/SOS up to BEL or ST, then two-byte escapes. */
const SEQUENCES = [
	/(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g,
	/(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g,
	/\u001b[ -/]*[0-~]/g,
];

/** Makes untrusted text printable (newlines kept). */
export function sanitize(text: string): string {
	if (!UNSAFE.test(text)) return text;
	let out = text;
	for (const sequence of SEQUENCES) out = out.replace(sequence, '');
	return out.replace(/\t/g, '  ').replace(new RegExp(UNSAFE.source, 'g'), '');
}

/** Untrusted text for one line: sanitised, every run of whitespace (newlines included) one space. */
export function sanitizeLine(text: string): string {
	return sanitize(text).replace(/\s+/g, ' ').trim();
}
