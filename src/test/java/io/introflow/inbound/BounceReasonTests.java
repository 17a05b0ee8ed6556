package io.introflow.inbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hard or soft by the reason a server gives, not by its class digit. */
class BounceReasonTests {

	@Test
	void anUnknownUserIsHard() {
		BounceReason reason = BounceReason.of("5.1.1",
				"550 5.1.1 <ghost@acme.example>: Recipient address rejected: User unknown in virtual mailbox table");

		assertThat(reason).isEqualTo(BounceReason.UNKNOWN_USER);
		assertThat(reason.hard()).isTrue();
	}

	@Test
	void aFullMailboxIsSoftEvenWithAPermanentCode() {
		BounceReason reason = BounceReason.of("5.2.2",
				"552 5.2.2 The email account that you tried to reach is over quota");

		assertThat(reason).isEqualTo(BounceReason.MAILBOX_FULL);
		assertThat(reason.hard()).isFalse();
	}

	@Test
	void aSpamRefusalIsSoft() {
		assertThat(BounceReason.of("5.7.1", "554 5.7.1 Service unavailable; client host blocked using Spamhaus"))
			.isEqualTo(BounceReason.BLOCKED)
			.satisfies(r -> assertThat(r.hard()).isFalse());
	}

	@Test
	void aMissingDomainIsHard() {
		assertThat(
				BounceReason.of("5.4.4", "Host or domain name not found. Name service error for name=nowhere.example"))
			.isEqualTo(BounceReason.NO_SUCH_DOMAIN);
	}

	@Test
	void theCodeDecidesWhenTheWordsSayNothingKnown() {
		assertThat(BounceReason.of("5.1.1", "")).isEqualTo(BounceReason.UNKNOWN_USER);
		assertThat(BounceReason.of("5.2.2", null)).isEqualTo(BounceReason.MAILBOX_FULL);
		assertThat(BounceReason.of("4.4.7", "")).isEqualTo(BounceReason.EXPIRED);
		assertThat(BounceReason.of("550", "")).isEqualTo(BounceReason.OTHER_PERMANENT);
		assertThat(BounceReason.of("4.0.0", "")).isEqualTo(BounceReason.OTHER_TEMPORARY);
	}

}
