import {formatCountRounded, formatDecimalBytesShort} from './format.js';
import {estimateFileSize, listPresets} from './preset-info.js';

/** The `llmtop synth --list` table: parameter count and file size per preset and quantization. */
export function presetTable(): string {
	const presets = listPresets();
	const quants = presets[0]?.quants ?? [];
	const nameWidth = Math.max(6, ...presets.map((preset) => preset.name.length)) + 2;
	const header = 'preset'.padEnd(nameWidth) + 'params'.padStart(7) + quants.map((quant) => quant.padStart(8)).join('');
	const rows = presets.map((preset) => {
		const cells = preset.quants.map((quant) => {
			const size = formatDecimalBytesShort(estimateFileSize(preset.name, quant)) + (quant === preset.defaultQuant ? '*' : ' ');
			return size.padStart(8);
		});
		return preset.name.padEnd(nameWidth) + formatCountRounded(preset.parameterCount).padStart(7) + cells.join('');
	});
	const notes = [
		'',
		'file sizes in bytes (M = 10^6, G = 10^9); * = default quantization',
		...presets.map((preset) => `${preset.name}: ${preset.description}`),
		'',
		'write one: llmtop synth PRESET --out FILE [--quant Q] [--seed N]; or use --model synthetic:PRESET[:QUANT]',
	];
	return [header, ...rows, ...notes].join('\n') + '\n';
}
