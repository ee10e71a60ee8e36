import {MAX_GROWTH_POINTS, mergeAdjacent, rssGrowth, type RssGrowth, type WeightedPoint} from './growth.js';
import {QuantileAccumulator} from './quantiles.js';

/**
 * RSS of a pass is summarised by its median; the sketch past 4096 samples
 * (a pass of ~7 minutes at 100 ms) keeps it within 0.001 % (2 KB of 200 MB),
 * far below the growth it is meant to show.
 */
const PASS_RSS_ACCURACY = 1e-5;

/** Passes of the suite a run started, and how many ran every prompt. */
export interface PassCounts {
	/** Highest pass started (1 for a run without `--repeat` / `--duration` once a prompt started; 0 before). */
	started: number;
	/** Passes in which every prompt of the suite ended. */
	complete: number;
}

/**
 * The passes of a soak (`--repeat`, `--duration`): which pass runs, when a
 * pass has ended all of the suite's prompts, and one RSS point per complete
 * pass for the growth figure (see `growth.ts`). O(1) amortised per event;
 * at most {@link MAX_GROWTH_POINTS} points are kept (older ones merged
 * pairwise), so memory is bounded however long the soak.
 */
export class PassTracker {
	#perPass = 0;
	#current = 0;
	#started = 0;
	#complete = 0;
	#endedInCurrent = 0;
	#open = false;
	#rss = passAccumulator();
	#firstT: number | null = null;
	#lastT: number | null = null;
	#points: WeightedPoint[] = [];
	#growth: RssGrowth | null = null;

	/** The suite's prompt count: a pass is complete when that many of its prompts ended (0: never, as in `try`). */
	setPassSize(prompts: number): void {
		this.#perPass = prompts;
	}

	/** The pass of the latest prompt started (0 before any). */
	get current(): number {
		return this.#current;
	}

	get counts(): PassCounts {
		return {started: this.#started, complete: this.#complete};
	}

	/** A prompt of pass `pass` started. */
	promptStarted(pass: number): void {
		if (pass !== this.#current) {
			this.#current = pass;
			this.#endedInCurrent = 0;
			this.#open = true;
			this.#resetRss();
		}
		this.#started = Math.max(this.#started, pass);
	}

	/** A prompt of pass `pass` ended (whatever its status); the pass closes once all its prompts did. */
	promptEnded(pass: number): void {
		if (pass !== this.#current || !this.#open) return;
		this.#endedInCurrent++;
		if (this.#perPass > 0 && this.#endedInCurrent >= this.#perPass) this.#closePass();
	}

	/** A sample taken during the prompts phase: its RSS counts for the open pass. */
	sample(t: number, rssBytes: number): void {
		if (!this.#open || !Number.isFinite(rssBytes)) return;
		this.#rss.add(rssBytes);
		this.#firstT ??= t;
		this.#lastT = t;
	}

	/** The prompts ended (phase change or run end): a pass still open was cut short and gives no point. */
	stop(): void {
		this.#open = false;
		this.#resetRss();
	}

	/** RSS growth over the complete passes so far (recomputed once per pass, not per call). */
	growth(): RssGrowth {
		this.#growth ??= rssGrowth(this.#points, this.#complete);
		return this.#growth;
	}

	#closePass(): void {
		this.#open = false;
		this.#complete++;
		const median = this.#rss.quantile(0.5);
		if (median !== null && this.#firstT !== null && this.#lastT !== null) {
			this.#points.push({t: (this.#firstT + this.#lastT) / 2, value: median, weight: 1});
			if (this.#points.length > MAX_GROWTH_POINTS) this.#points = mergeAdjacent(this.#points);
		}
		this.#growth = null;
		this.#resetRss();
	}

	#resetRss(): void {
		this.#rss = passAccumulator();
		this.#firstT = null;
		this.#lastT = null;
	}
}

function passAccumulator(): QuantileAccumulator {
	return new QuantileAccumulator({relativeAccuracy: PASS_RSS_ACCURACY});
}
