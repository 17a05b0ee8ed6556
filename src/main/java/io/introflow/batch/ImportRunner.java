package io.introflow.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;

/**
 * {@code introflow import <file>}: one file, of a kind given or told by its name,
 * imported by the same step the nightly job uses. The file stays where it is. Each import
 * is its own job instance, so the same file can be imported again (and then changes
 * nothing).
 */
@Component
public class ImportRunner {

	private final ImportSteps steps;

	private final JobRepository jobs;

	private final JobOperator operator;

	private final IntroflowProperties properties;

	private final RunLocks locks;

	ImportRunner(ImportSteps steps, JobRepository jobs, JobOperator operator, IntroflowProperties properties,
			RunLocks locks) {
		this.locks = locks;
		this.steps = steps;
		this.jobs = jobs;
		this.operator = operator;
		this.properties = properties;
	}

	/**
	 * What one import did.
	 *
	 * @param completed the job completed and the file could be read as a whole
	 */
	public record Result(boolean completed, String summary, long rows, Duration elapsed) {

		public long rowsPerSecond() {
			return Math.round(rows / Math.max(0.001, elapsed.toNanos() / 1e9));
		}

	}

	/** The kinds of file {@code import} knows, as {@code --type} takes them. */
	public List<String> types() {
		return steps.kinds().stream().map(ImportKind::type).toList();
	}

	/**
	 * @param type the kind of file, or null to tell it from the file's name
	 * @throws IllegalArgumentException when the file does not exist or its kind cannot be
	 * told
	 */
	public Result run(Path file, String type, LocalDate day) throws Exception {
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException(file + " is not a file");
		}
		ImportKind<?> kind = ((type != null) ? steps.byType(type) : steps.byFileName(file.getFileName().toString()))
			.orElseThrow(() -> new IllegalArgumentException(
					(type != null) ? "unknown --type '" + type + "' (one of " + String.join(", ", types()) + ")"
							: "cannot tell the kind of " + file.getFileName() + " from its name; give --type (one of "
									+ String.join(", ", types()) + ")"));
		ImportSteps.Built built = steps.forFile(kind, file.toAbsolutePath());
		Job job = new JobBuilder("import", jobs).start(built.step()).build();
		JobParameters parameters = new JobParametersBuilder().addString("file", file.toAbsolutePath().toString())
			.addString("type", kind.type())
			.addLong("requestedAt", System.currentTimeMillis())
			.addLocalDate(RunDates.RUN_DATE, day, false)
			.toJobParameters();
		long started = System.nanoTime();
		JobExecution execution;
		try (RunLock lock = locks.acquire("import " + file.getFileName())) {
			execution = operator.start(job, parameters);
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		StepExecution step = execution.getStepExecutions().stream().findFirst().orElse(null);
		long rows = (step != null) ? step.getReadCount() : 0;
		String summary = (step != null && step.getExecutionContext().containsKey(Tasklets.SUMMARY))
				? step.getExecutionContext().getString(Tasklets.SUMMARY) : "";
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			summary += "\nimport " + execution.getStatus() + ": "
					+ execution.getAllFailureExceptions()
						.stream()
						.map(t -> String.valueOf(t.getMessage()))
						.distinct()
						.collect(Collectors.joining("; "));
		}
		Path rejects = properties.folders().reports().resolve("rejects-" + day + ".csv");
		if (Files.exists(rejects)) {
			summary += "\nrejected rows: " + rejects;
		}
		boolean completed = execution.getStatus() == BatchStatus.COMPLETED && built.state().failures().isEmpty();
		return new Result(completed, summary, rows, elapsed);
	}

}
