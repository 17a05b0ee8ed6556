package io.introflow.batch;

import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

/** The run date every job carries as its {@code runDate} parameter. */
final class RunDates {

	static final String RUN_DATE = "runDate";

	private RunDates() {
	}

	/** The parameters that identify the night of a date: its only one, the run date. */
	static JobParameters parameters(LocalDate day) {
		return new JobParametersBuilder().addLocalDate(RUN_DATE, day).toJobParameters();
	}

	static LocalDate of(StepExecution step) {
		LocalDate day = step.getJobParameters().getLocalDate(RUN_DATE);
		return (day != null) ? day : LocalDate.now();
	}

}
