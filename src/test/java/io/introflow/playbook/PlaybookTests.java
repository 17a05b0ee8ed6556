package io.introflow.playbook;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.introflow.contact.Contact;
import io.introflow.intro.IntroState;
import io.introflow.playbook.Playbook.Decision;
import io.introflow.playbook.Playbook.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playbook's decisions about due steps and eligible referrers, made from facts alone:
 * no database, no Spring. Tuesday 2026-03-03 in GB; the default sequence (value, ask two
 * business days later, nudges, reminder, thanks).
 */
class PlaybookTests {

	private static final LocalDate TUESDAY = LocalDate.of(2026, 3, 3);

	private final SequenceProperties settings = new SequenceProperties(null, null, null, null, null);

	private final Playbook playbook = new Playbook(settings, new BusinessCalendar(settings));

	private static Playbook.Due due(String step, IntroState state, List<String> queued) {
		return new Playbook.Due(7, step, state, "customer", "customer", "GB", TUESDAY.minusDays(7),
				TUESDAY.minusDays(7), null, null, null, false, Optional.empty(), queued, Set.of());
	}

	@Test
	void theValueEmailIsQueuedMovesToValueSentAndTheAskFollowsTwoBusinessDaysLater() {
		Decision d = playbook.decide(due("value", IntroState.PLANNED, List.of()), TUESDAY);

		assertThat(d.outcome()).isEqualTo(Outcome.QUEUE);
		assertThat(d.kind()).isEqualTo("value");
		assertThat(d.move().legal()).isTrue();
		assertThat(d.stateAfter(IntroState.PLANNED)).isEqualTo(IntroState.VALUE_SENT);
		assertThat(d.next().stepKey()).isEqualTo("ask");
		assertThat(d.next().due()).isEqualTo(LocalDate.of(2026, 3, 5));
		assertThat(d.asked()).isFalse();
	}

	@Test
	void anAskStartsTheCoolDownAndANudgeFollowsInItsThread() {
		Decision ask = playbook.decide(due("ask", IntroState.VALUE_SENT, List.of("value")), TUESDAY);
		assertThat(ask.asked()).isTrue();
		assertThat(ask.next().stepKey()).isEqualTo("nudge");

		Decision nudge = playbook.decide(due("nudge", IntroState.ASKED, List.of("value", "ask")), TUESDAY);
		assertThat(nudge.move()).isNull();
		assertThat(nudge.thread()).hasValueSatisfying(t -> assertThat(t.includes("ask")).isTrue());
		assertThat(nudge.next().stepKey()).isEqualTo("last-nudge");
	}

	@Test
	void aStepAlreadyInTheOutboxIsNotQueuedAgainOnlyRescheduled() {
		Decision d = playbook.decide(due("value", IntroState.VALUE_SENT, List.of("value")), TUESDAY);

		assertThat(d.outcome()).isEqualTo(Outcome.ALREADY_QUEUED);
		assertThat(d.next().stepKey()).isEqualTo("ask");
	}

	@Test
	void aPausedAccountHoldsTheStepUntilThePauseEndsAndSaysSoOncePerPause() {
		AccountPauses.Pause pause = new AccountPauses.Pause(4, "a@x.example", null, "escalation", TUESDAY,
				LocalDate.of(2026, 3, 7));
		Playbook.Due first = new Playbook.Due(7, "ask", IntroState.VALUE_SENT, "customer", "customer", "GB", TUESDAY,
				TUESDAY, TUESDAY, null, null, false, Optional.of(pause), List.of("value"), Set.of());

		Decision held = playbook.decide(first, TUESDAY);
		assertThat(held.outcome()).isEqualTo(Outcome.HELD);
		assertThat(held.next().stepKey()).isEqualTo("ask");
		assertThat(held.next().due()).as("the Saturday it ends is no business day").isEqualTo(LocalDate.of(2026, 3, 9));
		assertThat(held.heldEvent()).isEqualTo("pause:4");

		Playbook.Due again = new Playbook.Due(7, "ask", IntroState.VALUE_SENT, "customer", "customer", "GB", TUESDAY,
				TUESDAY, TUESDAY, null, null, false, Optional.of(pause), List.of("value"), Set.of("pause:4"));
		assertThat(playbook.decide(again, TUESDAY).heldEvent()).isNull();
	}

	@Test
	void aGoneReferrerOptsOutAndANoResponseStepEndsTheIntroduction() {
		Playbook.Due gone = new Playbook.Due(7, "ask", IntroState.VALUE_SENT, "customer", null, null, TUESDAY, TUESDAY,
				TUESDAY, null, null, true, Optional.empty(), List.of("value"), Set.of());
		Decision optedOut = playbook.decide(gone, TUESDAY);
		assertThat(optedOut.outcome()).isEqualTo(Outcome.GONE);
		assertThat(optedOut.stateAfter(IntroState.VALUE_SENT)).isEqualTo(IntroState.OPTED_OUT);
		assertThat(optedOut.next()).isNull();

		Decision ended = playbook.decide(due(Sequences.NO_RESPONSE, IntroState.ASKED, List.of("value", "ask")),
				TUESDAY);
		assertThat(ended.outcome()).isEqualTo(Outcome.ENDED);
		assertThat(ended.stateAfter(IntroState.ASKED)).isEqualTo(IntroState.NO_RESPONSE);
	}

	@Test
	void aHoldForTheOwnerLetsTheThanksGo() {
		Playbook.Due held = new Playbook.Due(7, "thank-you", IntroState.INTRODUCED, "customer", "customer", "GB",
				TUESDAY, TUESDAY, TUESDAY, null, "a question for the owner", false, Optional.empty(),
				List.of("value", "ask"), Set.of());

		assertThat(playbook.decide(held, TUESDAY).outcome()).isEqualTo(Outcome.QUEUE);
	}

	@Test
	void eligibilityRefusesWithinTheCoolDownAndOverTheYearlyCapFromTheStandingAlone() {
		Eligibility eligibility = new Eligibility(null, null, settings, null);
		Contact referrer = new Contact("a@x.example", "A", "X", "customer", "o@f.example", "O", "customer", "en", "UTC",
				null, java.util.Map.of(), null, "GB");
		Eligibility.Standing recent = new Eligibility.Standing(false, Optional.empty(), Optional.empty(),
				List.of(TUESDAY.minusDays(10)));
		assertThat(eligibility.refusal(referrer, recent, TUESDAY)).startsWith("asked on 2026-02-21; cool-down");

		Eligibility.Standing planned = recent.planned("tok");
		assertThat(eligibility.refusal(referrer, planned, TUESDAY))
			.isEqualTo("referrer already has open introduction tok (PLANNED)");

		Eligibility.Standing free = new Eligibility.Standing(false, Optional.empty(), Optional.empty(), List.of());
		assertThat(eligibility.refusal(referrer, free, TUESDAY)).isNull();
	}

}
