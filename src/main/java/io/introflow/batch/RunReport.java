package io.introflow.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import io.introflow.inbound.InboundStore;
import io.introflow.IntroflowProperties;
import io.introflow.config.InertSettings;
import io.introflow.outbound.Outbox;
import io.introflow.report.Funnel;

/**
 * The last step: a run summary (each step's counts, rejects, failed and in-doubt emails, the funnel) written to
 * {@code reports/nightly-<date>.txt}. The CLI prints the same file.
 */
@Component
class RunReport implements Tasklet {

	private final IntroflowProperties properties;

	private final Funnel funnel;

	private final Outbox outbox;

	private final InboundStore inbound;

	private final InertSettings inert;

	RunReport(IntroflowProperties properties, Funnel funnel, Outbox outbox, InboundStore inbound,
			InertSettings inert) {
		this.inert = inert;
		this.inbound = inbound;
		this.properties = properties;
		this.funnel = funnel;
		this.outbox = outbox;
	}

	static Path reportFile(Path reports, LocalDate day) {
		return reports.resolve("nightly-" + day + ".txt");
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution self = contribution.getStepExecution();
		LocalDate day = self.getJobParameters().getLocalDate(RunDates.RUN_DATE);
		StringBuilder out = new StringBuilder("Nightly run " + day + "\n");
		inert.warnings().forEach(w -> out.append("  WARNING: ").append(w).append('\n'));
		for (StepExecution step : self.getJobExecution().getStepExecutions()) {
			if (step.getStepName().equals("report")) {
				continue;
			}
			String summary = step.getExecutionContext().containsKey(Tasklets.SUMMARY)
					? step.getExecutionContext().getString(Tasklets.SUMMARY)
					: step.getReadCount() + " rows read, " + step.getWriteCount() + " imported, "
							+ step.getFilterCount() + " rejected";
			out.append(String.format("  %-22s %-9s %s%n", step.getStepName(), step.getStatus(), summary));
		}
		Path rejects = properties.folders().reports().resolve("rejects-" + day + ".csv");
		if (Files.exists(rejects)) {
			out.append("  rejected rows: ").append(rejects).append('\n');
		}
		for (InboundStore.Unreadable u : inbound.unreadable()) {
			out.append("  UNREADABLE reply (stored, not interpreted): inbound ").append(u.id()).append(" from ")
				.append(u.source()).append(": ").append(u.evidence()).append('\n');
		}
		for (Outbox.Row row : outbox.inDoubt()) {
			out.append("  IN DOUBT (check by hand, not resent): outbound ")
				.append(row.id())
				.append(' ')
				.append(row.stepKey())
				.append(" to ")
				.append(row.recipient())
				.append((row.lastError() != null) ? ": " + row.lastError() : "")
				.append("; after checking the SMTP log: introflow send --mark-sent ")
				.append(row.id())
				.append(" (or --requeue ")
				.append(row.id())
				.append(")\n");
		}
		// the failures of this run only: one that happened last night was in last night's report
		for (Outbox.Row row : outbox.failedSince(runStarted(self))) {
			out.append("  FAILED: outbound ")
				.append(row.id())
				.append(' ')
				.append(row.stepKey())
				.append(" to ")
				.append(row.recipient())
				.append(": ")
				.append(row.lastError())
				.append('\n');
		}
		out.append(funnel.funnelText());
		write(reportFile(properties.folders().reports(), day), out.toString());
		return RepeatStatus.FINISHED;
	}

	/** When this execution of the job started (a restart is a new execution). */
	private static OffsetDateTime runStarted(StepExecution self) {
		LocalDateTime started = self.getJobExecution().getStartTime();
		return (started != null ? started : LocalDateTime.now()).atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

	private static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write report " + file, ex);
		}
	}

}
