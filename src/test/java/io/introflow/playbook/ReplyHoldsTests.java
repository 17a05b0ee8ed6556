package io.introflow.playbook;

import org.junit.jupiter.api.Test;

import io.introflow.intro.IntroState;
import io.introflow.playbook.Sequences.ReplyGist;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person's reply does to the steps that ask something of the referrer. */
class ReplyHoldsTests {

	private static final ReplyGist PLAIN = new ReplyGist(false, false, false);

	private static final ReplyGist ASKS = new ReplyGist(true, false, false);

	private static final ReplyGist UNSURE = new ReplyGist(false, true, false);

	private static final ReplyGist REFUSES = new ReplyGist(false, false, true);

	@Test
	void aYesThatAsksHoldsTheReminder() {
		assertThat(Sequences.replyHolds(IntroState.ASKED, IntroState.AGREED, ASKS)).isTrue();
	}

	@Test
	void aPlainYesHoldsNothing() {
		assertThat(Sequences.replyHolds(IntroState.ASKED, IntroState.AGREED, PLAIN)).isFalse();
	}

	@Test
	void aReplyThatCannotBeReadWithConfidenceAfterTheAskHolds() {
		assertThat(Sequences.replyHolds(IntroState.ASKED, IntroState.ASKED, UNSURE)).isTrue();
	}

	@Test
	void aPlainYesOrAThankYouToTheValueEmailLetsTheAskFollowOnSchedule() {
		assertThat(Sequences.replyHolds(IntroState.VALUE_SENT, IntroState.VALUE_SENT, PLAIN)).isFalse();
		assertThat(Sequences.replyHolds(IntroState.VALUE_SENT, IntroState.VALUE_SENT, UNSURE)).isFalse();
	}

	@Test
	void aValueReplyThatAsksOrRefusesHoldsTheAsk() {
		assertThat(Sequences.replyHolds(IntroState.VALUE_SENT, IntroState.VALUE_SENT, ASKS)).isTrue();
		assertThat(Sequences.replyHolds(IntroState.VALUE_SENT, IntroState.VALUE_SENT, REFUSES)).isTrue();
	}

	@Test
	void aClosedIntroductionIsNeverHeld() {
		assertThat(Sequences.replyHolds(IntroState.ASKED, IntroState.DECLINED, ASKS)).isFalse();
	}

}
