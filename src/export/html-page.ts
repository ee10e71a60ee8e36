/**
 * The frame of every HTML file llmtop writes: one self-contained page with
 * uPlot's script and stylesheet inlined, a Content-Security-Policy that
 * allows no network at all, the chart data as a JSON block and the client
 * script that draws it.
 */
import {CLIENT_SCRIPT} from './html-client.js';
import type {ChartData} from './html-charts.js';
import {escapeHtml, jsonForScript} from './escape.js';
import {inlineSafe, uplotAssets} from './uplot-assets.js';

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
.pass,#verdict.pass{color:#17803d}.fail,#verdict.fail{color:#c00}.inconclusive,.skip-data,.pending{color:#b26b00}.skip-design{color:#777}
td.value,td.limit,td.margin{text-align:right;white-space:nowrap}.note{color:#777;font-size:12px}
pre.answer{white-space:pre-wrap;max-width:420px;max-height:160px;overflow:auto;margin:0}
ul.checks{margin:0;padding-left:16px}li.met{color:#17803d}li.missed{color:#c00}
.setup{display:flex;gap:24px;flex-wrap:wrap}.chart{margin:12px 0}.redacted{background:#fff3cd;padding:6px 10px}`;

/** Parts of a page. */
export interface PageParts {
	title: string;
	/** Markup already escaped. */
	body: string;
	charts: readonly ChartData[];
}

/** A chart's placeholder (the client draws into it) or a line saying it had no data. */
export function chartSlots(ids: readonly {id: string; title: string}[], charts: readonly ChartData[]): string {
	return ids
		.map(({id, title}) =>
			charts.some((chart) => chart.id === id)
				? `<div class="chart" id="chart-${escapeHtml(id)}"></div>`
				: `<p class="note">${escapeHtml(title)}: no data in this report.</p>`,
		)
		.join('\n');
}

/** The whole page. */
export function renderPage(parts: PageParts): string {
	const {js, css} = uplotAssets();
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<style>${inlineSafe(css)}</style><style>${STYLE}</style>
</head><body>
${parts.body}
<script type="application/json" id="llmtop-data">${jsonForScript({charts: parts.charts})}</script>
<script>${inlineSafe(js)}</script>
<script>${inlineSafe(CLIENT_SCRIPT)}</script>
</body></html>
`;
}
