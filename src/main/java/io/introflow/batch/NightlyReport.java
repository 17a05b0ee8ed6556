package io.introflow.batch;

import java.util.List;
import java.util.Map;

import io.introflow.report.FunnelCounts;

/**
 * What one night did, as data: rendered as text for people ({@link NightlyReportText})
 * and as JSON for scripts.
 *
 * @param date the run date (yyyy-MM-dd)
 * @param warnings settings or conditions the operator should act on, one line each
 * @param rejectedRowsFile the file listing the rows the imports rejected, or null when
 * none was written
 * @param filesNotImported files an import could not read at all, with the reason
 */
record NightlyReport(String date, List<Step> steps, List<String> warnings, String rejectedRowsFile,
		List<String> filesNotImported, List<UnreadableReply> unreadableReplies, List<Email> emailsInDoubt,
		List<Email> failedEmails, FunnelCounts funnel) {

	/**
	 * @param status the step's batch status as a lower-case key (completed, failed)
	 * @param durationMillis how long it took
	 * @param items what the rate counts (rows read, replies read, introductions planned,
	 * emails queued or sent); null for a step without such a count
	 * @param itemUnit {@code rows}, {@code replies}, {@code introductions},
	 * {@code emails} or {@code items}; null with {@code items}
	 * @param itemsPerSecond items per second of the step's duration; null with
	 * {@code items}
	 * @param summary what it did, in plain words
	 * @param counts what it did, by stable lower-case keys
	 */
	record Step(String name, String status, long durationMillis, Long items, String itemUnit, Long itemsPerSecond,
			String summary, Map<String, Integer> counts) {

		/** "13,000 rows/s", or empty for a step without a rate. */
		String rate() {
			return (itemsPerSecond == null) ? "" : new StepRate(items, itemUnit, itemsPerSecond).text();
		}

	}

	/** A stored reply that could not be interpreted; it is kept, not acted on. */
	record UnreadableReply(long inboundId, String source, String reason) {
	}

	/**
	 * An email in doubt (the relay may or may not have taken it) or one that failed.
	 *
	 * @param toResolve for an email in doubt, the commands that settle it; null for a
	 * failed email
	 */
	record Email(long outboundId, String step, String recipient, String error, String toResolve) {
	}

}
