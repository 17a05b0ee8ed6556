package io.introflow.batch;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.introflow.report.Funnel;
import io.introflow.report.TextTable;

/**
 * The nightly report as text for people: a table of steps, then one short section per
 * thing to look at.
 */
final class NightlyReportText {

	private NightlyReportText() {
	}

	static String render(NightlyReport report) {
		StringBuilder out = new StringBuilder("Nightly run " + report.date() + "\n\n");
		TextTable steps = TextTable.of("step", "status", "took", "rate", "what it did");
		for (NightlyReport.Step step : report.steps()) {
			steps.row(step.name(), TextTable.words(step.status()), took(step.durationMillis()),
					step.rate().isEmpty() ? null : step.rate(), step.summary());
		}
		out.append(steps.render("  ")).append('\n');
		section(out, "Warnings", report.warnings(), w -> w);
		if (report.rejectedRowsFile() != null) {
			out.append("Rejected rows: listed in ").append(report.rejectedRowsFile()).append("\n\n");
		}
		section(out, "Files not imported", report.filesNotImported(), f -> f);
		section(out, "Unreadable replies (stored, not acted on)", report.unreadableReplies(),
				u -> "inbound " + u.inboundId() + " from " + u.source() + ": " + u.reason());
		section(out, "Emails in doubt (check the SMTP log for each; they are not resent)", report.emailsInDoubt(),
				e -> email(e) + "\n      then: " + e.toResolve());
		section(out, "Failed emails", report.failedEmails(), NightlyReportText::email);
		if (report.emailsInDoubt().isEmpty() && report.failedEmails().isEmpty()) {
			out.append("No email failed or is in doubt.\n\n");
		}
		out.append(Funnel.text(report.funnel()));
		return out.toString();
	}

	private static String email(NightlyReport.Email e) {
		return "outbound " + e.outboundId() + " (" + e.step() + ") to " + e.recipient()
				+ ((e.error() != null) ? ": " + e.error() : "");
	}

	/** A heading and one line per item; nothing at all when there are no items. */
	private static <T> void section(StringBuilder out, String heading, List<T> items, Function<T, String> line) {
		if (items.isEmpty()) {
			return;
		}
		out.append(heading).append('\n');
		items.forEach(item -> out.append("  ").append(line.apply(item)).append('\n'));
		out.append('\n');
	}

	/** "0.4 s", "12 s", "3 min 5 s". */
	static String took(long millis) {
		if (millis < 10_000) {
			return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		Duration d = Duration.ofMillis(millis);
		return (d.toMinutes() == 0) ? d.toSeconds() + " s" : d.toMinutes() + " min " + d.toSecondsPart() + " s";
	}

}
