/**
 * The script inlined into the HTML report: reads the chart data from the
 * page's JSON block and draws each chart with uPlot (inlined before it).
 * Phases are shaded, limits drawn as dashed lines, spikes marked. It only
 * writes text through `textContent` and the canvas: no string from a report
 * is ever parsed as HTML.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
	'use strict';
	var data = JSON.parse(document.getElementById('llmtop-data').textContent);
	var PHASE_FILL = {'load': 'rgba(120,120,120,0.14)', 'idle-before': 'rgba(44,160,44,0.10)', 'prompts': 'rgba(255,160,30,0.12)', 'idle-after': 'rgba(44,160,44,0.10)'};
	function alpha(hex, a) {
		var n = parseInt(hex.slice(1), 16);
		return 'rgba(' + ((n >> 16) & 255) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
	}
	// The y range covers the data, spikes and every limit within 3x the data; a limit far above is named at the top instead.
	function extent(chart) {
		var top = 0;
		chart.lines.forEach(function (line) { line.values.forEach(function (v) { if (v !== null && v > top) top = v; }); });
		chart.spikes.forEach(function (spike) { if (spike.y > top) top = spike.y; });
		var data = top;
		chart.limits.forEach(function (limit) { if (limit.value > top && (data === 0 || limit.value <= data * 3)) top = limit.value; });
		return top > 0 ? top * 1.08 : 1;
	}
	function drawPhases(chart) {
		return function (u) {
			var ctx = u.ctx, box = u.bbox;
			ctx.save();
			ctx.font = Math.round(10 * devicePixelRatio) + 'px sans-serif';
			chart.phases.forEach(function (phase) {
				var x0 = Math.max(box.left, u.valToPos(phase.start, 'x', true));
				var x1 = Math.min(box.left + box.width, u.valToPos(phase.end, 'x', true));
				if (!(x1 > x0)) return;
				ctx.fillStyle = PHASE_FILL[phase.name] || 'rgba(0,0,0,0.05)';
				ctx.fillRect(x0, box.top, x1 - x0, box.height);
				ctx.fillStyle = '#666';
				ctx.fillText(phase.name, x0 + 3, box.top + 12 * devicePixelRatio);
			});
			ctx.restore();
		};
	}
	function drawMarks(chart) {
		return function (u) {
			var ctx = u.ctx, box = u.bbox;
			ctx.save();
			ctx.font = Math.round(10 * devicePixelRatio) + 'px sans-serif';
			var above = 0;
			chart.limits.forEach(function (limit) {
				if (limit.value > u.scales.y.max) {
					var text = limit.label + ' (above the chart)';
					ctx.fillStyle = '#c00';
					ctx.fillText(text, box.left + box.width - ctx.measureText(text).width - 4, box.top + (++above) * 12 * devicePixelRatio);
					return;
				}
				var y = u.valToPos(limit.value, 'y', true);
				ctx.strokeStyle = '#c00';
				ctx.setLineDash([6, 4]);
				ctx.lineWidth = devicePixelRatio;
				ctx.beginPath();
				ctx.moveTo(box.left, y);
				ctx.lineTo(box.left + box.width, y);
				ctx.stroke();
				ctx.fillStyle = '#c00';
				ctx.fillText(limit.label, box.left + box.width - ctx.measureText(limit.label).width - 4, y - 3);
			});
			ctx.setLineDash([]);
			chart.spikes.forEach(function (spike) {
				var x = u.valToPos(spike.x, 'x', true), y = u.valToPos(spike.y, 'y', true);
				ctx.strokeStyle = '#c00';
				ctx.lineWidth = 2 * devicePixelRatio;
				ctx.beginPath();
				ctx.arc(x, y, 5 * devicePixelRatio, 0, 2 * Math.PI);
				ctx.stroke();
			});
			ctx.restore();
		};
	}
	data.charts.forEach(function (chart) {
		var host = document.getElementById('chart-' + chart.id);
		if (!host) return;
		var top = extent(chart);
		var series = [{label: 's'}];
		var bands = [];
		chart.lines.forEach(function (line, i) {
			var sparse = line.values.filter(function (v) { return v !== null; }).length < 30;
			series.push({label: line.label, stroke: line.hidden ? 'rgba(0,0,0,0)' : line.color, width: 1.25, spanGaps: true, points: {show: sparse && !line.hidden, size: 5, fill: line.color}});
			if (typeof line.bandTo === 'number') bands.push({series: [i + 1, line.bandTo], fill: alpha(line.color, 0.25)});
		});
		var options = {
			width: Math.max(320, Math.min(1100, host.clientWidth || 960)),
			height: 240,
			title: chart.title + ' (' + chart.unit + ')',
			scales: {x: {time: false, range: function () { return chart.xRange; }}, y: {range: function () { return [0, top]; }}},
			axes: [{label: 'seconds since start'}, {label: chart.unit, size: 60}],
			series: series,
			bands: bands,
			hooks: {drawClear: [drawPhases(chart)], draw: [drawMarks(chart)]},
		};
		new uPlot(options, [chart.x].concat(chart.lines.map(function (line) { return line.values; })), host);
	});
	document.body.setAttribute('data-charts-drawn', String(data.charts.length));
})();`;
