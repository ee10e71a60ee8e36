/**
 * A Prometheus histogram for the per-token path: observing a value is a few
 * comparisons and two additions on plain numbers (prom-client's `observe`
 * costs about 0.75 µs, by label hashing); the exposition values are built
 * only when a registry reads the metric (a scrape or a push). Registered in a
 * prom-client `Registry`, so default labels and the text format are its own.
 */
import type {Registry} from 'prom-client';

/** One exposition value as prom-client's registry reads it. */
interface ExpositionValue {
	metricName: string;
	labels: Record<string, string | number>;
	value: number;
}

/** A histogram without labels of its own. */
export class BucketHistogram {
	readonly type = 'histogram';
	readonly aggregator = 'sum';
	readonly #bounds: readonly number[];
	readonly #counts: Float64Array;
	#sum = 0;
	#count = 0;

	/** `bounds` are the buckets' upper bounds, ascending (`+Inf` is added). */
	constructor(
		readonly name: string,
		readonly help: string,
		bounds: readonly number[],
		registry: Registry,
	) {
		this.#bounds = [...bounds].sort((a, b) => a - b);
		this.#counts = new Float64Array(this.#bounds.length);
		registry.registerMetric(this as never);
	}

	/** Adds one value (non-finite values are ignored). */
	observe(value: number): void {
		if (!Number.isFinite(value)) return;
		this.#sum += value;
		this.#count++;
		const bounds = this.#bounds;
		for (let i = 0; i < bounds.length; i++) {
			if (value <= (bounds[i] as number)) {
				this.#counts[i] = (this.#counts[i] as number) + 1;
				return;
			}
		}
	}

	/** The exposition values: cumulative buckets, `+Inf`, sum and count (what a registry reads). */
	async get(): Promise<{name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: ExpositionValue[]}> {
		const values: ExpositionValue[] = [];
		let cumulative = 0;
		this.#bounds.forEach((bound, i) => {
			cumulative += this.#counts[i] as number;
			values.push({metricName: `${this.name}_bucket`, labels: {le: bound}, value: cumulative});
		});
		values.push({metricName: `${this.name}_bucket`, labels: {le: '+Inf'}, value: this.#count});
		values.push({metricName: `${this.name}_sum`, labels: {}, value: this.#sum});
		values.push({metricName: `${this.name}_count`, labels: {}, value: this.#count});
		return {name: this.name, help: this.help, type: 'histogram', aggregator: 'sum', values};
	}

	/** Forgets every observation. */
	reset(): void {
		this.#counts.fill(0);
		this.#sum = 0;
		this.#count = 0;
	}
}
