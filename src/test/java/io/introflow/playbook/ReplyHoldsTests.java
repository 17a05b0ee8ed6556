package io.introflow.playbook;

import org.junit.jupiter.api.Test;

import io.introflow.intro.IntroState;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person's reply does to the steps that ask something of the referrer. */
class ReplyHoldsTests {

	@Test
	void aYesThatAsksHoldsTheReminder() {
		assertThat(Sequences.replyHolds(IntroState.ASKED, IntroState.AGREED, true, true)).isTrue();
	}

	@Test
	void aPlainYesHoldsNothing() {
		assertThat(Sequences.replyHolds(IntroState.ASKED, IntroState.AGREED, false, true)).isFalse();
	}

	@Test
	void aPlainYesToTheValueEmailLetsTheAskFollowOnSchedule() {
		assertThat(Sequences.replyHolds(IntroState.VALUE_SENT, IntroState.VALUE_SENT, false, true)).isFalse();
	}

	@Test
	void aValueReplyThatAsksOrIsNotAYesHoldsTheAsk() {
		assertThat(Sequences.replyHolds(IntroState.VALUE_SENT, IntroState.VALUE_SENT, true, true)).isTrue();
		assertThat(Sequences.replyHolds(IntroState.VALUE_SENT, IntroState.VALUE_SENT, false, false)).isTrue();
	}

	@Test
	void aClosedIntroductionIsNeverHeld() {
		assertThat(Sequences.replyHolds(IntroState.ASKED, IntroState.DECLINED, true, false)).isFalse();
	}

}
