package io.introflow.batch;

import java.time.LocalDate;
import java.util.function.Function;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A tasklet that does one piece of the night for the run date and leaves a one-line summary for the report.
 */
final class Tasklets {

	static final String SUMMARY = "summary";

	private Tasklets() {
	}

	static Tasklet forRunDate(Function<LocalDate, String> work) {
		return (StepContribution contribution, ChunkContext chunk) -> {
			LocalDate day = contribution.getStepExecution().getJobParameters().getLocalDate(RunDates.RUN_DATE);
			String summary = work.apply(day);
			contribution.getStepExecution().getExecutionContext().putString(SUMMARY, summary);
			return RepeatStatus.FINISHED;
		};
	}

}
