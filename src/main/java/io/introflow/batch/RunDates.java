package io.introflow.batch;

import java.time.LocalDate;

import org.springframework.batch.core.step.StepExecution;

/** The run date every job carries as its {@code runDate} parameter. */
final class RunDates {

	static final String RUN_DATE = "runDate";

	private RunDates() {
	}

	static LocalDate of(StepExecution step) {
		LocalDate day = step.getJobParameters().getLocalDate(RUN_DATE);
		return (day != null) ? day : LocalDate.now();
	}

}
