package io.introflow.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ApplicationContext;

import io.introflow.batch.NightlyRunner;
import io.introflow.playbook.BusinessCalendar;

/**
 * Runs nights of the real nightly job and measures each: the wall time, every step's time
 * as Spring Batch recorded it, the heap, and what the SMTP sink received during the
 * night.
 */
public final class NightlyBenchmark {

	/** Where a step's tasklet leaves its one-line summary (batch/Tasklets). */
	private static final String SUMMARY = "summary";

	private final ApplicationContext context;

	private final SmtpSink sink;

	public NightlyBenchmark(ApplicationContext context, SmtpSink sink) {
		this.context = context;
		this.sink = sink;
	}

	/** One step of a night as its step execution recorded it. */
	public record Step(String name, Duration elapsed, long read, long written, String summary) {
	}

	/**
	 * One measured night.
	 *
	 * @param received the messages the sink received during the night, per step
	 */
	public record Night(LocalDate day, boolean completed, String failure, Duration wall, List<Step> steps,
			long heapPeak, long heapPeakAfterGc, Map<String, Long> received) {
	}

	/**
	 * The first business day on or after {@code today}, in the default country's
	 * calendar.
	 */
	public LocalDate firstNight(LocalDate today) {
		return context.getBean(BusinessCalendar.class).onOrAfter(null, today);
	}

	/**
	 * The night {@code businessDays} business days after {@code night}, when the next
	 * step of the sequence is due.
	 */
	public LocalDate later(LocalDate night, int businessDays) {
		return context.getBean(BusinessCalendar.class).plusBusinessDays(null, night, businessDays);
	}

	public Night run(LocalDate day) throws Exception {
		Map<String, Long> before = sink.received();
		long started = System.nanoTime();
		NightlyRunner.Outcome outcome;
		long heapPeak;
		long heapAfterGc;
		try (HeapSampler heap = new HeapSampler()) {
			outcome = context.getBean(NightlyRunner.class).run(day);
			heapPeak = heap.peakUsed();
			heapAfterGc = heap.peakAfterGc();
		}
		Duration wall = Duration.ofNanos(System.nanoTime() - started);
		Map<String, Long> received = new TreeMap<>();
		sink.received().forEach((step, count) -> {
			long during = count - before.getOrDefault(step, 0L);
			if (during > 0) {
				received.put(step, during);
			}
		});
		return new Night(day, outcome.completed(), outcome.completed() ? null : outcome.summary(), wall, steps(),
				heapPeak, heapAfterGc, received);
	}

	/** The steps of the last execution of the nightly job, in the order they ran. */
	private List<Step> steps() {
		JobRepository repository = context.getBean(JobRepository.class);
		JobInstance instance = repository.getLastJobInstance("nightly");
		JobExecution last = (instance != null) ? repository.getLastJobExecution(instance) : null;
		if (last == null) {
			return List.of();
		}
		JobExecution execution = repository.getJobExecution(last.getId());
		return execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparing(StepExecution::getId))
			.map(NightlyBenchmark::step)
			.toList();
	}

	private static Step step(StepExecution step) {
		Duration elapsed = (step.getStartTime() != null && step.getEndTime() != null)
				? Duration.between(step.getStartTime(), step.getEndTime()) : Duration.ZERO;
		var context = step.getExecutionContext();
		String summary = context.containsKey(SUMMARY) ? context.getString(SUMMARY) : "";
		if (context.containsKey("import.unchanged")) {
			// what the import did with the rows (an unchanged row is read and compared,
			// not written)
			summary = String.format("%,d new, %,d updated, %,d unchanged", context.getLong("import.inserted", 0L),
					context.getLong("import.updated", 0L), context.getLong("import.unchanged", 0L));
		}
		return new Step(step.getStepName(), elapsed, step.getReadCount(), step.getWriteCount(), summary);
	}

}
