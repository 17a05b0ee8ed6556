package io.introflow.batch;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * The nights already run, as the job repository records them: {@code status} judges on
 * the last completed night so that it explains what that night did, not what the
 * machine's clock would do.
 */
@Component
public class NightlyRuns {

	private static final int PAGE = 100;

	private final JobRepository repository;

	NightlyRuns(JobRepository repository) {
		this.repository = repository;
	}

	/**
	 * Whether the night of this date has completed (a second run of it would do nothing).
	 */
	public boolean completed(LocalDate day) {
		JobExecution last = repository.getLastJobExecution("nightly", RunDates.parameters(day));
		return last != null && last.getStatus() == BatchStatus.COMPLETED;
	}

	/**
	 * The latest run date of a completed {@code nightly} execution; empty when no night
	 * has completed.
	 */
	public Optional<LocalDate> lastCompleted() {
		LocalDate last = null;
		List<JobInstance> page;
		for (int start = 0; !(page = repository.getJobInstances("nightly", start, PAGE)).isEmpty(); start += PAGE) {
			for (JobInstance instance : page) {
				JobExecution execution = repository.getLastJobExecution(instance);
				LocalDate day = (execution != null && execution.getStatus() == BatchStatus.COMPLETED)
						? execution.getJobParameters().getLocalDate(RunDates.RUN_DATE) : null;
				if (day != null && (last == null || day.isAfter(last))) {
					last = day;
				}
			}
		}
		return Optional.ofNullable(last);
	}

	/**
	 * The latest completed {@code nightly} execution (the most recently created night
	 * that completed), when it started and ended; empty when no night has completed. For
	 * {@code serve}'s metrics: nights run in other processes (the CLI, cron) are in the
	 * job repository too.
	 */
	public Optional<Timing> lastCompletedTiming() {
		List<JobInstance> page;
		for (int start = 0; !(page = repository.getJobInstances("nightly", start, PAGE)).isEmpty(); start += PAGE) {
			for (JobInstance instance : page) {
				JobExecution execution = repository.getLastJobExecution(instance);
				if (execution != null && execution.getStatus() == BatchStatus.COMPLETED
						&& execution.getStartTime() != null && execution.getEndTime() != null) {
					return Optional.of(new Timing(execution.getJobParameters().getLocalDate(RunDates.RUN_DATE),
							execution.getStartTime(), execution.getEndTime()));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * When one night ran, in the server's local time (as Spring Batch records it).
	 *
	 * @param runDate the night's run date, or null for a night without one
	 */
	public record Timing(LocalDate runDate, LocalDateTime started, LocalDateTime ended) {

		public Duration duration() {
			return Duration.between(started, ended);
		}

	}

}
