import {describe, expect, it} from 'vitest';
import {mulberry32} from '../../bench/lib/mulberry32.js';
import {QuantileAccumulator} from '../../src/run/quantiles.js';
import {LogSketch} from '../../src/run/sketch.js';
import {max, min, quantile} from '../../src/run/stats.js';

const QS = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

function lognormal(random: () => number, mu: number, sigma: number): number {
	const u = Math.max(1e-12, random());
	const v = random();
	return Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

describe('LogSketch error bound (alpha = 1 %)', () => {
	it.each([
		{name: 'lognormal latencies', make: (r: () => number) => lognormal(r, 2.5, 1.2)},
		{name: 'uniform CPU % with zeros', make: (r: () => number) => (r() < 0.1 ? 0 : r() * 100)},
		{name: 'heavy tail', make: (r: () => number) => 1 / Math.max(1e-6, r())},
	])('$name: every quantile within 1 % of exact on 200 000 values', ({make}) => {
		const random = mulberry32(42);
		const values: number[] = [];
		const sketch = new LogSketch({relativeAccuracy: 0.01});
		for (let i = 0; i < 200_000; i++) {
			const value = make(random);
			values.push(value);
			sketch.add(value);
		}
		for (const q of QS) {
			const exact = quantile(values, q) as number;
			const estimate = sketch.quantile(q) as number;
			expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(0.01 * Math.abs(exact) * (1 + 1e-9) + 1e-9);
		}
		expect(sketch.quantile(0)).toBe(min(values));
		expect(sketch.quantile(1)).toBe(max(values));
	});

	it('handles negative values and merge', () => {
		const a = new LogSketch();
		const b = new LogSketch();
		const all: number[] = [];
		const random = mulberry32(7);
		for (let i = 0; i < 5000; i++) {
			const value = (random() - 0.7) * 100;
			all.push(value);
			(i % 2 ? a : b).add(value);
		}
		a.merge(b);
		expect(a.count).toBe(5000);
		for (const q of [0.05, 0.1, 0.5, 0.9]) {
			const exact = quantile(all, q) as number;
			expect(Math.abs((a.quantile(q) as number) - exact)).toBeLessThanOrEqual(0.01 * Math.abs(exact) + 0.2);
		}
	});

	it('empty and NaN', () => {
		const sketch = new LogSketch();
		sketch.add(Number.NaN);
		expect(sketch.count).toBe(0);
		expect(sketch.quantile(0.5)).toBeNull();
	});

	it('memory is bounded by buckets, not values', () => {
		const sketch = new LogSketch({maxBuckets: 64});
		for (let i = 1; i <= 100_000; i++) sketch.add(i);
		expect(sketch.quantile(1)).toBe(100_000);
		expect(sketch.quantile(0)).toBe(1);
	});
});

describe('QuantileAccumulator', () => {
	it('is exact up to the limit and matches stats.quantile bit for bit', () => {
		const random = mulberry32(1);
		const acc = new QuantileAccumulator({exactLimit: 1000});
		const values: number[] = [];
		for (let i = 0; i < 1000; i++) {
			const value = random() * 50;
			values.push(value);
			acc.add(value);
		}
		expect(acc.exact).toBe(true);
		for (const q of QS) expect(acc.quantile(q)).toBe(quantile(values, q));
	});

	it('switches to the sketch past the limit: within 1 %, count/mean/min/max exact', () => {
		const random = mulberry32(2);
		const acc = new QuantileAccumulator({exactLimit: 100});
		const values: number[] = [];
		for (let i = 0; i < 50_000; i++) {
			const value = lognormal(random, 1, 0.8);
			values.push(value);
			acc.add(value);
		}
		expect(acc.exact).toBe(false);
		expect(acc.count).toBe(50_000);
		expect(acc.mean).toBeCloseTo(values.reduce((s, v) => s + v, 0) / values.length, 8);
		expect(acc.max).toBe(max(values));
		for (const q of QS) {
			const exact = quantile(values, q) as number;
			expect(Math.abs((acc.quantile(q) as number) - exact)).toBeLessThanOrEqual(0.01 * exact * (1 + 1e-9));
		}
	});

	it('merge of exact and sketched accumulators', () => {
		const a = new QuantileAccumulator({exactLimit: 10});
		const b = new QuantileAccumulator({exactLimit: 10});
		for (let i = 1; i <= 100; i++) a.add(i);
		for (let i = 101; i <= 105; i++) b.add(i);
		b.merge(a);
		expect(b.count).toBe(105);
		expect(b.min).toBe(1);
		expect(b.max).toBe(105);
		expect(Math.abs((b.quantile(0.5) as number) - 53)).toBeLessThanOrEqual(0.53);
	});

	it('empty, NaN, one value, last', () => {
		const acc = new QuantileAccumulator();
		expect(acc.quantile(0.5)).toBeNull();
		expect(acc.mean).toBeNull();
		acc.add(Number.NaN);
		expect(acc.count).toBe(0);
		acc.add(3);
		expect(acc.quantile(0.99)).toBe(3);
		expect(acc.last).toBe(3);
	});
});
