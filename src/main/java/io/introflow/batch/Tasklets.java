package io.introflow.batch;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tasklet that does one piece of the night for the run date and leaves its summary for
 * the report: a line in plain words, and its counts (kept as JSON, so that the step's
 * context holds only strings).
 */
final class Tasklets {

	static final String SUMMARY = "summary";

	static final String COUNTS = "summary.counts";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Tasklets() {
	}

	static Tasklet forRunDate(Function<LocalDate, StepSummary> work) {
		return (StepContribution contribution, ChunkContext chunk) -> {
			LocalDate day = contribution.getStepExecution().getJobParameters().getLocalDate(RunDates.RUN_DATE);
			StepSummary summary = work.apply(day);
			ExecutionContext context = contribution.getStepExecution().getExecutionContext();
			context.putString(SUMMARY, summary.text());
			putCounts(context, summary.counts());
			return RepeatStatus.FINISHED;
		};
	}

	static void putCounts(ExecutionContext context, Map<String, Integer> counts) {
		context.putString(COUNTS, JSON.writeValueAsString(counts));
	}

	/**
	 * The summary a step left; an import step (a chunk step) is summed up from its read,
	 * write and filter counts.
	 */
	static StepSummary summaryOf(StepExecution step) {
		ExecutionContext context = step.getExecutionContext();
		if (!context.containsKey(SUMMARY)) {
			return StepSummary.imported(step.getReadCount(), step.getWriteCount(), step.getFilterCount());
		}
		Map<String, Integer> counts = context.containsKey(COUNTS)
				? JSON.readValue(context.getString(COUNTS), new TypeReference<LinkedHashMap<String, Integer>>() {
				}) : Map.of();
		return new StepSummary(context.getString(SUMMARY), counts);
	}

}
