package io.introflow.batch;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * The last runs of the {@code nightly} and {@code import} jobs as the job repository
 * records them, newest first, each with its steps: for the console's Today page. Runs of
 * other processes (the CLI, cron) are there too. The send-only runs of {@code serve}'s
 * scheduler are no job and leave no record here.
 */
@Component
public class RecentRuns {

	/** The jobs whose runs are listed. */
	static final List<String> JOBS = List.of("nightly", "import");

	private final JobRepository repository;

	RecentRuns(JobRepository repository) {
		this.repository = repository;
	}

	/** The last {@code count} executions of the listed jobs, newest first. */
	public List<Run> last(int count) {
		List<JobExecution> executions = new ArrayList<>();
		for (String job : JOBS) {
			// the newest instances come first; a restarted night has several executions
			for (JobInstance instance : repository.getJobInstances(job, 0, count)) {
				executions.addAll(repository.getJobExecutions(instance));
			}
		}
		return executions.stream()
			.sorted(Comparator.comparing(JobExecution::getCreateTime, Comparator.nullsLast(Comparator.reverseOrder())))
			.limit(count)
			// looked up by id: the execution with its steps and their contexts
			.map(e -> run(repository.getJobExecution(e.getId())))
			.toList();
	}

	private static Run run(JobExecution execution) {
		List<Step> steps = execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparing(StepExecution::getId))
			.map(RecentRuns::step)
			.toList();
		String file = execution.getJobParameters().getString("file");
		return new Run(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getJobParameters().getLocalDate(RunDates.RUN_DATE), file,
				execution.getStatus().name().toLowerCase(Locale.ROOT), execution.getStartTime(),
				duration(execution.getStartTime(), execution.getEndTime()), steps);
	}

	private static Step step(StepExecution step) {
		Duration duration = duration(step.getStartTime(), step.getEndTime());
		String rate = StepRate.of(Tasklets.summaryOf(step), step.getReadCount(), duration)
			.map(StepRate::text)
			.orElse("");
		return new Step(step.getStepName(), step.getStatus().name().toLowerCase(Locale.ROOT), step.getReadCount(),
				step.getWriteCount(), step.getFilterCount(), step.getSkipCount(), duration, rate, summary(step));
	}

	/**
	 * What the step said it did; nothing for a step that leaves no summary and read no
	 * rows (the report).
	 */
	private static String summary(StepExecution step) {
		boolean said = step.getExecutionContext().containsKey(Tasklets.SUMMARY);
		return (said || step.getReadCount() > 0) ? Tasklets.summaryOf(step).text() : "";
	}

	private static Duration duration(LocalDateTime start, LocalDateTime end) {
		return (start != null && end != null) ? Duration.between(start, end) : null;
	}

	/**
	 * One execution of a job.
	 *
	 * @param job {@code nightly} or {@code import}
	 * @param runDate the run date it carries, or null
	 * @param file the file an import read, or null
	 * @param status {@code completed}, {@code failed}, {@code started}, ... (lower case)
	 * @param duration null while it runs (or when it never ended)
	 */
	public record Run(long id, String job, LocalDate runDate, String file, String status, LocalDateTime started,
			Duration duration, List<Step> steps) {

		public Run {
			steps = List.copyOf(steps);
		}

		/** How long it took, for people: "4.2 s", "3 min 5 s"; empty while it runs. */
		public String took() {
			return RecentRuns.took(duration);
		}

	}

	/**
	 * One step of a run: the chunk counts Spring Batch keeps (an import's read, written,
	 * filtered = rejected, skipped) and the summary the step left in words.
	 *
	 * @param rate the items it worked through per second, such as "13,000 rows/s"; empty
	 * while it runs or for a step without a count of items (the template check)
	 */
	public record Step(String name, String status, long read, long written, long filtered, long skipped,
			Duration duration, String rate, String summary) {

		/** How long it took, for people: "0.3 s"; empty while it runs. */
		public String took() {
			return RecentRuns.took(duration);
		}

	}

	static String took(Duration duration) {
		if (duration == null) {
			return "";
		}
		if (duration.toMinutes() == 0) {
			return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
		}
		return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
	}

}
