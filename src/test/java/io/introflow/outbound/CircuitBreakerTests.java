package io.introflow.outbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTests {

	@Test
	void opensAfterTheThresholdOfFailuresInARowAndStaysOpen() {
		CircuitBreaker breaker = new CircuitBreaker(3);

		breaker.failed("refused");
		breaker.failed("refused");
		boolean openBeforeThird = breaker.isOpen();
		breaker.failed("no greeting");
		breaker.succeeded();

		assertThat(openBeforeThird).isFalse();
		assertThat(breaker.isOpen()).isTrue();
		assertThat(breaker.reason()).isEqualTo("no greeting (3 connection attempts in a row failed)");
	}

	@Test
	void aGreetingInBetweenStartsTheCountAgain() {
		CircuitBreaker breaker = new CircuitBreaker(3);

		breaker.failed("refused");
		breaker.failed("refused");
		breaker.succeeded();
		breaker.failed("refused");
		breaker.failed("refused");

		assertThat(breaker.isOpen()).isFalse();
	}

}
