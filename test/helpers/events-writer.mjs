// Stands in for a live `llmtop run --events`: appends a recorded events file
// to DST at its recorded pace (times SPEED), in chunks cut mid-line, holding
// the events lock (DST.lock, as issue 14's writer does) and removing it at the
// end. With STOP_AFTER it writes that many lines, then stays alive without
// writing (to be killed by the test).
// usage: node events-writer.mjs SRC DST [SPEED] [STOP_AFTER]
import {appendFileSync, readFileSync, unlinkSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';

const [src, dst, speedArg, stopArg] = process.argv.slice(2);
const speed = Number(speedArg ?? 1);
const stopAfter = stopArg === undefined ? Infinity : Number(stopArg);
const lines = readFileSync(src, 'utf8').split('\n').filter(Boolean);
const times = lines.map((line) => JSON.parse(line).t);
writeFileSync(`${dst}.lock`, JSON.stringify({pid: process.pid, host: hostname(), startedAt: new Date().toISOString()}));
writeFileSync(dst, '');
const start = Date.now();
let next = 0;
const tick = () => {
	const reached = (Date.now() - start) * speed;
	const chunk = [];
	while (next < lines.length && next < stopAfter && times[next] <= reached) chunk.push(lines[next++]);
	if (chunk.length > 0) {
		const text = `${chunk.join('\n')}\n`;
		const cut = Math.floor(text.length / 2);
		// Two writes cut mid-line: a watcher may read between them and see a partial last line.
		appendFileSync(dst, text.slice(0, cut));
		appendFileSync(dst, text.slice(cut));
	}
	if (next >= lines.length) {
		unlinkSync(`${dst}.lock`);
		return;
	}
	if (next >= stopAfter) {
		setInterval(() => {}, 1000);
		process.stdout.write('stopped\n');
		return;
	}
	setTimeout(tick, 50);
};
tick();
