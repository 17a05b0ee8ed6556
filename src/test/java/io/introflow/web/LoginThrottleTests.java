package io.introflow.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How long {@link LoginThrottle} holds up a log-in, on a clock the test moves. */
class LoginThrottleTests {

	private final MovingClock clock = new MovingClock();

	private final LoginThrottle throttle = new LoginThrottle(clock);

	@Test
	void fiveWrongPasswordsForANameHoldItUpUntilTheFirstIsFifteenMinutesOld() {
		for (int i = 0; i < 5; i++) {
			assertThat(throttle.waitFor("Maria@x.example", "10.0.0.1")).isZero();
			throttle.failed("maria@x.example", "10.0.0." + i);
			clock.pass(Duration.ofMinutes(1));
		}

		// from any address, in any case
		assertThat(throttle.waitFor(" MARIA@x.example", "10.0.0.9")).isEqualTo(Duration.ofMinutes(10));
		assertThat(throttle.waitFor("james@x.example", "10.0.0.9")).isZero();
		clock.pass(Duration.ofMinutes(10));
		assertThat(throttle.waitFor("maria@x.example", "10.0.0.9")).isZero();
	}

	@Test
	void twentyWrongPasswordsFromOneAddressHoldUpEveryNameFromIt() {
		for (int i = 0; i < 20; i++) {
			throttle.failed("user" + i + "@x.example", "10.0.0.1");
		}

		assertThat(throttle.waitFor("someone@x.example", "10.0.0.1")).isEqualTo(LoginThrottle.WINDOW);
		assertThat(throttle.waitFor("someone@x.example", "10.0.0.2")).isZero();
	}

	@Test
	void aSuccessfulLogInForgetsTheFailuresOfItsNameAndAddress() {
		for (int i = 0; i < 4; i++) {
			throttle.failed("maria@x.example", "10.0.0.1");
		}
		throttle.succeeded("maria@x.example", "10.0.0.1");
		throttle.failed("maria@x.example", "10.0.0.1");

		assertThat(throttle.waitFor("maria@x.example", "10.0.0.1")).isZero();
	}

	private static final class MovingClock extends Clock {

		private Instant now = Instant.parse("2026-03-02T09:00:00Z");

		void pass(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
