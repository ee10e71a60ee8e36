/**
 * Dashboard or lines. The dashboard needs a terminal on stdout (and, for
 * `try`, on stdin to type into); `--headless` asks for lines anyway.
 *
 * And it needs an environment where Ink draws live frames. Ink (through
 * `is-in-ci`, read once when it is imported) treats a set `CI` or
 * `CONTINUOUS_INTEGRATION` variable, unless it is `0` or `false`, as "running
 * in CI" and then draws nothing until the app exits: on a terminal that is a
 * blank screen for the whole run. So under CI llmtop prints lines, and says
 * why once on stderr.
 */

/** The variable that makes Ink think it runs in CI (`CI=true`, say), or undefined. Same rule as `is-in-ci`. */
export function ciVariable(env: NodeJS.ProcessEnv): string | undefined {
	for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) {
		const value = env[key];
		if (key in env && value !== '0' && value !== 'false') return `${key}=${value ?? ''}`;
	}
	return undefined;
}

export interface ViewChoice {
	headless: boolean;
	/** One line for stderr when lines replace a dashboard the terminal could have shown. */
	note?: string;
}

/** Whether a command draws its Ink view or prints lines. */
export function chooseView(options: {
	headlessFlag: boolean;
	stdoutIsTTY: boolean;
	needsStdin?: boolean;
	stdinIsTTY?: boolean;
	ci?: string;
	dumbTerminal?: boolean;
}): ViewChoice {
	if (options.headlessFlag || !options.stdoutIsTTY) return {headless: true};
	if (options.needsStdin && !options.stdinIsTTY) return {headless: true};
	if (options.dumbTerminal) return {headless: true, note: 'llmtop: TERM=dumb, so plain lines instead of the dashboard (it needs cursor moves)'};
	if (options.ci !== undefined) {
		return {
			headless: true,
			note: `llmtop: ${options.ci} is set, so lines instead of the dashboard (Ink draws no live frames under CI); unset it for the dashboard`,
		};
	}
	return {headless: false};
}
