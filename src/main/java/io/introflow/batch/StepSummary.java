package io.introflow.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.introflow.inbound.Classification;
import io.introflow.intro.StepComposer;
import io.introflow.outbound.OutboxRelay;
import io.introflow.trigger.IntroductionPlanner;

/**
 * What one step of the night did: a line in plain words for people, and its counts by
 * stable lower-case keys for {@code --json}.
 */
record StepSummary(String text, Map<String, Integer> counts) {

	static StepSummary of(String text) {
		return new StepSummary(text, Map.of());
	}

	/** "2 new messages; 3 replies read: 1 agreed, 1 out of office, 1 declined". */
	static StepSummary replies(int fetched, Map<Classification.Kind, Integer> read) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		counts.put("new_messages", fetched);
		int total = read.values().stream().mapToInt(Integer::intValue).sum();
		counts.put("replies_read", total);
		read.forEach((kind, n) -> counts.put(kind.name().toLowerCase(Locale.ROOT), n));
		String news = (fetched == 0) ? "no new messages" : plural(fetched, "new message", "new messages");
		if (total == 0) {
			return new StepSummary(news + "; no replies to read", counts);
		}
		String kinds = read.entrySet()
			.stream()
			.filter(e -> e.getValue() > 0)
			.map(e -> e.getValue() + " " + e.getKey().label())
			.collect(Collectors.joining(", "));
		return new StepSummary(news + "; " + plural(total, "reply read", "replies read") + ": " + kinds, counts);
	}

	/** The three counts of an import step. */
	static StepSummary imported(long read, long imported, long rejected) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		counts.put("rows_read", (int) read);
		counts.put("imported", (int) imported);
		counts.put("rejected", (int) rejected);
		if (read == 0) {
			return new StepSummary("no rows", counts);
		}
		return new StepSummary(
				plural(read, "row read", "rows read") + ", " + imported + " imported, " + rejected + " rejected",
				counts);
	}

	static StepSummary planned(IntroductionPlanner.Result r) {
		return new StepSummary(r.toString(),
				ordered("planned", r.planned(), "triggers_refused", r.refused(), "pauses_applied", r.applied()));
	}

	static StepSummary composed(StepComposer.Result r) {
		return new StepSummary(r.toString(), ordered("queued", r.queued(), "held", r.held(), "ended", r.ended(),
				"failed", r.failed(), "unclassified_replies", r.unclassified()));
	}

	static StepSummary sent(OutboxRelay.Result r) {
		return new StepSummary(r.toString(), r.counts());
	}

	/** Several summaries of one step, one after another. */
	static StepSummary joined(List<StepSummary> parts) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		parts.forEach(p -> counts.putAll(p.counts()));
		return new StepSummary(parts.stream().map(StepSummary::text).collect(Collectors.joining("; ")), counts);
	}

	private static Map<String, Integer> ordered(Object... keysAndCounts) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (int i = 0; i < keysAndCounts.length; i += 2) {
			counts.put((String) keysAndCounts[i], (Integer) keysAndCounts[i + 1]);
		}
		return counts;
	}

	private static String plural(long n, String one, String many) {
		return n + " " + ((n == 1) ? one : many);
	}

}
