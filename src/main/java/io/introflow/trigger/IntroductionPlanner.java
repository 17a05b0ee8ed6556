package io.introflow.trigger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.introflow.Tx;
import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;
import io.introflow.intro.PlaybookProperties;
import io.introflow.playbook.AccountPauses;
import io.introflow.playbook.Eligibility;
import io.introflow.playbook.SequenceProperties;
import io.introflow.playbook.Sequences;

/**
 * Turns new triggers into introductions when the referrer is eligible; a refused trigger keeps its reason. Triggers
 * that pause or resume an account ({@code escalation}, {@code nps_detractor}, {@code pause}, {@code resume}) are
 * applied first, so that a pause reported in the same night already holds.
 */
@Component
public class IntroductionPlanner {

	private final TriggerRepository triggers;

	private final ContactRepository contacts;

	private final IntroductionRepository introductions;

	private final IntroEvents events;

	private final PlaybookProperties playbook;

	private final Tx tx;

	private final Eligibility eligibility;

	private final AccountPauses pauses;

	private final Sequences sequences;

	IntroductionPlanner(TriggerRepository triggers, ContactRepository contacts, IntroductionRepository introductions,
			IntroEvents events, PlaybookProperties playbook, Tx tx, Eligibility eligibility, AccountPauses pauses,
			Sequences sequences) {
		this.triggers = triggers;
		this.contacts = contacts;
		this.introductions = introductions;
		this.events = events;
		this.playbook = playbook;
		this.tx = tx;
		this.eligibility = eligibility;
		this.pauses = pauses;
		this.sequences = sequences;
	}

	/** What one planning pass did. @param applied pause and resume triggers applied */
	public record Result(int planned, int refused, int applied) {

		@Override
		public String toString() {
			return planned + " planned, " + refused + " triggers refused"
					+ ((applied > 0) ? ", " + applied + " pause/resume triggers applied" : "");
		}

	}

	private enum Done {

		PLANNED, REFUSED, APPLIED

	}

	public Result plan(LocalDate day) {
		List<Trigger> waiting = triggers.findNew(day);
		List<Trigger> ordered = new ArrayList<>(waiting.stream().filter(IntroductionPlanner::isControl).toList());
		ordered.addAll(waiting.stream().filter(t -> !isControl(t)).toList());
		Map<Done, Integer> counts = new EnumMap<>(Done.class);
		for (Trigger trigger : ordered) {
			counts.merge(tx.inNew(() -> planOne(trigger, day)), 1, Integer::sum);
		}
		return new Result(counts.getOrDefault(Done.PLANNED, 0), counts.getOrDefault(Done.REFUSED, 0),
				counts.getOrDefault(Done.APPLIED, 0));
	}

	private static boolean isControl(Trigger t) {
		return Trigger.RESUME.equals(t.type()) || SequenceProperties.PAUSE_TYPES.contains(t.type());
	}

	private Done planOne(Trigger trigger, LocalDate day) {
		Optional<Contact> contact = contacts.find(trigger.contactEmail());
		if (contact.isPresent() && isControl(trigger)) {
			return control(trigger, contact.get());
		}
		String refusal = contact.isEmpty() ? "no client or partner with address " + trigger.contactEmail()
				: refusal(trigger, contact.get(), day);
		if (refusal != null) {
			triggers.markRefused(trigger.id(), refusal);
			return Done.REFUSED;
		}
		Contact referrer = contact.get();
		Introduction intro = introductions.create(referrer.email(), referrer.ownerEmail(), referrer.ownerName(),
				trigger.prospectName(), trigger.prospectEmail(), trigger.prospectCompany(), trigger.id(),
				referrer.segment(), playbook.variantFor(referrer.email()), playbook.introFormFor(referrer.segment()),
				"value", day);
		triggers.markPlanned(trigger.id());
		events.record(intro.id(), day, "PLANNED", "trigger:" + trigger.id(),
				trigger.type() + " on " + trigger.occurredOn() + " (" + trigger.source() + "); variant "
						+ intro.variant() + ", " + intro.introForm() + " intro");
		sequences.reschedule(intro.id());
		return Done.PLANNED;
	}

	/** A pause or resume trigger: opens or lifts the account's pause. */
	private Done control(Trigger trigger, Contact contact) {
		if (Trigger.RESUME.equals(trigger.type())) {
			int lifted = pauses.resume(contact, trigger.occurredOn(), "trigger:" + trigger.id());
			triggers.markApplied(trigger.id(), lifted + " pause(s) lifted");
			// steps held by the pause are due again as their sequence says, not when the pause would have ended
			for (String email : pauses.sameAccount(contact)) {
				introductions.findByReferrer(email).stream().filter(i -> i.nextStep() != null)
					.forEach(i -> sequences.reschedule(i.id()));
			}
		}
		else {
			AccountPauses.Pause pause = pauses.open(trigger.type(), contact, trigger.occurredOn(), trigger.id());
			triggers.markApplied(trigger.id(), "paused: " + pause.describe());
		}
		return Done.APPLIED;
	}

	private String refusal(Trigger trigger, Contact referrer, LocalDate day) {
		String refusal = eligibility.refusal(referrer, day);
		if (refusal != null) {
			return refusal;
		}
		if (trigger.prospectEmail() != null && !trigger.prospectEmail().isEmpty()
				&& contacts.isSuppressed(trigger.prospectEmail())) {
			return "target prospect " + trigger.prospectEmail() + " is suppressed";
		}
		return null;
	}

}
