package io.introflow.batch;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * The nights already run, as the job repository records them: {@code status} judges on the last completed night
 * so that it explains what that night did, not what the machine's clock would do.
 */
@Component
public class NightlyRuns {

	private static final int PAGE = 100;

	private final JobRepository repository;

	NightlyRuns(JobRepository repository) {
		this.repository = repository;
	}

	/** Whether the night of this date has completed (a second run of it would do nothing). */
	public boolean completed(LocalDate day) {
		JobExecution last = repository.getLastJobExecution("nightly", RunDates.parameters(day));
		return last != null && last.getStatus() == BatchStatus.COMPLETED;
	}

	/** The latest run date of a completed {@code nightly} execution; empty when no night has completed. */
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

}
