package io.introflow.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;

/**
 * Runs the nightly job for one date: starts it, restarts it after a failure or a killed
 * process, or does nothing when that date already completed.
 */
@Component
public class NightlyRunner {

	private static final Logger log = LoggerFactory.getLogger(NightlyRunner.class);

	private final JobOperator operator;

	private final JobRepository repository;

	private final Job nightly;

	private final IntroflowProperties properties;

	private final RunLocks locks;

	NightlyRunner(JobOperator operator, JobRepository repository, Job nightly, IntroflowProperties properties,
			RunLocks locks) {
		this.locks = locks;
		this.operator = operator;
		this.repository = repository;
		this.nightly = nightly;
		this.properties = properties;
	}

	/**
	 * The end of a run: whether it completed, and what to tell the person who started it.
	 *
	 * @param json the night's report as JSON for scripts, or null when the night did not
	 * complete
	 */
	public record Outcome(boolean completed, boolean alreadyDone, String summary, String json) {
	}

	public Outcome run(LocalDate day) throws Exception {
		JobParameters parameters = RunDates.parameters(day);
		try (RunLock lock = locks.acquire("run nightly " + day)) {
			JobExecution last = repository.getLastJobExecution(nightly.getName(), parameters);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				return new Outcome(true, true, "nightly " + day + " already completed (execution " + last.getId()
						+ "); nothing to do\n" + readReport(day), readJson(day));
			}
			if (last != null && last.getStatus().isRunning()) {
				// we hold the run lock (file or advisory), so the process that ran it is
				// gone
				log.warn("nightly {}: execution {} was left {} by a process that stopped; recovering and restarting",
						day, last.getId(), last.getStatus());
				operator.recover(last);
			}
			JobExecution execution = operator.start(nightly, parameters);
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				return new Outcome(true, false, readReport(day), readJson(day));
			}
			String failures = execution.getAllFailureExceptions()
				.stream()
				.map(t -> t.getMessage() != null ? t.getMessage() : t.toString())
				.distinct()
				.collect(Collectors.joining("\n  "));
			String failedStep = execution.getStepExecutions()
				.stream()
				.filter(s -> s.getStatus() != BatchStatus.COMPLETED)
				.map(s -> s.getStepName())
				.findFirst()
				.orElse("?");
			return new Outcome(false, false, "nightly " + day + " " + execution.getStatus() + " in step " + failedStep
					+ ":\n  " + failures + "\nRun the same command again to restart where it stopped.", null);
		}
	}

	private String readReport(LocalDate day) {
		return read(RunReport.reportFile(properties.folders().reports(), day));
	}

	private String readJson(LocalDate day) {
		return read(RunReport.jsonFile(properties.folders().reports(), day));
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			return "(report " + file + " cannot be read: " + ex.getMessage() + ")";
		}
	}

}
