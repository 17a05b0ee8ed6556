package io.introflow.batch;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How fast a step went: the items it worked through per second of its duration. The items
 * are named by the count the step reports (rows read by an import, replies read,
 * introductions planned, emails queued or sent), else the rows a chunk step read; a step
 * with neither (the template check) has no rate.
 *
 * @param unit what was counted, plural: {@code rows}, {@code replies},
 * {@code introductions}, {@code emails}, {@code items}
 */
record StepRate(long items, String unit, long perSecond) {

	/** The counts a rate is taken from, first found first, with what they count. */
	private static final List<Map.Entry<String, String>> ITEMS = List.of(Map.entry("rows_read", "rows"),
			Map.entry("replies_read", "replies"), Map.entry("planned", "introductions"), Map.entry("queued", "emails"),
			Map.entry("sent", "emails"));

	/**
	 * @param duration null while the step runs (then there is no rate yet)
	 */
	static Optional<StepRate> of(StepSummary summary, long readCount, Duration duration) {
		if (duration == null) {
			return Optional.empty();
		}
		for (Map.Entry<String, String> item : ITEMS) {
			Integer count = summary.counts().get(item.getKey());
			if (count != null) {
				return Optional.of(of(count, item.getValue(), duration));
			}
		}
		return (readCount > 0) ? Optional.of(of(readCount, "items", duration)) : Optional.empty();
	}

	private static StepRate of(long items, String unit, Duration duration) {
		// a step faster than a millisecond counts as one: a rate, not a division by zero
		long millis = Math.max(1, duration.toMillis());
		return new StepRate(items, unit, Math.round(items * 1000.0 / millis));
	}

	/** "13,000 rows/s". */
	String text() {
		return String.format(Locale.ROOT, "%,d %s/s", perSecond, unit);
	}

}
