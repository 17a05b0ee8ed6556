package io.introflow.batch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepRateTests {

	@Test
	void countsWhatTheStepSaysItWorkedThroughPerSecondOfItsDuration() {
		StepSummary imported = StepSummary.imported(100_000, 99_900, 100);
		Map<String, Integer> sent = new LinkedHashMap<>();
		sent.put("sent", 20_000);
		sent.put("failed", 3);

		assertThat(StepRate.of(imported, 100_000, Duration.ofMillis(7_500)).orElseThrow().text())
			.isEqualTo("13,333 rows/s");
		assertThat(StepRate.of(new StepSummary("20000 sent", sent), 0, Duration.ofSeconds(8)).orElseThrow())
			.isEqualTo(new StepRate(20_000, "emails", 2_500));
	}

	@Test
	void aChunkStepWithoutNamedCountsRatesItsReadItemsAndAStepWithNeitherHasNoRate() {
		assertThat(StepRate.of(StepSummary.of("done"), 500, Duration.ofMillis(250)).orElseThrow().text())
			.isEqualTo("2,000 items/s");
		assertThat(StepRate.of(StepSummary.of("all templates render"), 0, Duration.ofMillis(40))).isEmpty();
		// still running: no duration yet
		assertThat(StepRate.of(StepSummary.imported(10, 10, 0), 10, null)).isEmpty();
		// faster than a millisecond: counted as one
		assertThat(StepRate.of(StepSummary.imported(3, 3, 0), 3, Duration.ZERO).orElseThrow().perSecond())
			.isEqualTo(3_000);
	}

}
