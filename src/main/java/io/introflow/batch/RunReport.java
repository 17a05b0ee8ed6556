package io.introflow.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

import tools.jackson.databind.json.JsonMapper;

/**
 * The last step: what the night did ({@link NightlyReport}: each step's summary, rejects,
 * unreadable replies, failed and in-doubt emails, the funnel), written to
 * {@code reports/nightly-<date>.txt} for people and {@code reports/nightly-<date>.json}
 * for scripts. The CLI prints one of the two files.
 */
@Component
class RunReport implements Tasklet {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final IntroflowProperties properties;

	private final Funnel funnel;

	private final Outbox outbox;

	private final InboundStore inbound;

	private final InertSettings inert;

	private final ServeHeartbeats heartbeats;

	RunReport(IntroflowProperties properties, Funnel funnel, Outbox outbox, InboundStore inbound, InertSettings inert,
			ServeHeartbeats heartbeats) {
		this.inert = inert;
		this.heartbeats = heartbeats;
		this.inbound = inbound;
		this.properties = properties;
		this.funnel = funnel;
		this.outbox = outbox;
	}

	static Path reportFile(Path reports, LocalDate day) {
		return reports.resolve("nightly-" + day + ".txt");
	}

	static Path jsonFile(Path reports, LocalDate day) {
		return reports.resolve("nightly-" + day + ".json");
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution self = contribution.getStepExecution();
		LocalDate day = self.getJobParameters().getLocalDate(RunDates.RUN_DATE);
		NightlyReport report = report(self, day);
		Path reports = properties.folders().reports();
		write(reportFile(reports, day), NightlyReportText.render(report));
		write(jsonFile(reports, day), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
		return RepeatStatus.FINISHED;
	}

	private NightlyReport report(StepExecution self, LocalDate day) {
		List<NightlyReport.Step> steps = new ArrayList<>();
		List<String> filesNotImported = new ArrayList<>();
		for (StepExecution step : self.getJobExecution().getStepExecutions()) {
			if (step.getStepName().equals("report")) {
				continue;
			}
			StepSummary summary = Tasklets.summaryOf(step);
			List<String> lines = summary.text().lines().map(String::strip).toList();
			lines.stream().skip(1).map(l -> l.replaceFirst("^FILE NOT IMPORTED: ", "")).forEach(filesNotImported::add);
			long millis = durationMillis(step);
			Optional<StepRate> rate = StepRate.of(summary, step.getReadCount(), Duration.ofMillis(millis));
			steps.add(new NightlyReport.Step(step.getStepName(), step.getStatus().name().toLowerCase(Locale.ROOT),
					millis, rate.map(StepRate::items).orElse(null), rate.map(StepRate::unit).orElse(null),
					rate.map(StepRate::perSecond).orElse(null), lines.isEmpty() ? "" : lines.get(0), summary.counts()));
		}
		Path rejects = properties.folders().reports().resolve("rejects-" + day + ".csv");
		List<NightlyReport.UnreadableReply> unreadable = inbound.unreadable()
			.stream()
			.map(u -> new NightlyReport.UnreadableReply(u.id(), u.source(), u.evidence()))
			.toList();
		List<NightlyReport.Email> inDoubt = outbox.inDoubt()
			.stream()
			.map(row -> new NightlyReport.Email(row.id(), row.stepKey(), row.recipient(), row.lastError(),
					"introflow send --mark-sent " + row.id() + "   (or, if it never left: introflow send --requeue "
							+ row.id() + ")"))
			.toList();
		// the failures of this run only: one that happened last night was in last night's
		// report
		List<NightlyReport.Email> failed = outbox.failedSince(runStarted(self))
			.stream()
			.map(row -> new NightlyReport.Email(row.id(), row.stepKey(), row.recipient(), row.lastError(), null))
			.toList();
		// settings that leave a feature inert, and links that no serve answers, shown
		// under "Warnings"
		List<String> warnings = new ArrayList<>(inert.warnings());
		heartbeats.warning().ifPresent(warnings::add);
		return new NightlyReport(day.toString(), steps, warnings, Files.exists(rejects) ? rejects.toString() : null,
				filesNotImported, unreadable, inDoubt, failed, funnel.counts());
	}

	private static long durationMillis(StepExecution step) {
		if (step.getStartTime() == null) {
			return 0;
		}
		LocalDateTime end = (step.getEndTime() != null) ? step.getEndTime() : LocalDateTime.now();
		return Duration.between(step.getStartTime(), end).toMillis();
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
