package io.introflow.trigger;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.introflow.Tx;
import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;
import io.introflow.intro.PlaybookProperties;

/**
 * Turns new triggers into introductions when the referrer is eligible; a refused trigger keeps its reason.
 */
@Component
public class IntroductionPlanner {

	private final TriggerRepository triggers;

	private final ContactRepository contacts;

	private final IntroductionRepository introductions;

	private final IntroEvents events;

	private final PlaybookProperties playbook;

	private final Tx tx;

	IntroductionPlanner(TriggerRepository triggers, ContactRepository contacts, IntroductionRepository introductions,
			IntroEvents events, PlaybookProperties playbook, Tx tx) {
		this.triggers = triggers;
		this.contacts = contacts;
		this.introductions = introductions;
		this.events = events;
		this.playbook = playbook;
		this.tx = tx;
	}

	/** What one planning pass did. */
	public record Result(int planned, int refused) {
	}

	public Result plan(LocalDate day) {
		int planned = 0;
		int refused = 0;
		for (Trigger trigger : triggers.findNew(day)) {
			if (tx.inNew(() -> planOne(trigger, day))) {
				planned++;
			}
			else {
				refused++;
			}
		}
		return new Result(planned, refused);
	}

	private boolean planOne(Trigger trigger, LocalDate day) {
		Optional<Contact> contact = contacts.find(trigger.contactEmail());
		String refusal = refusal(trigger, contact);
		if (refusal != null) {
			triggers.markRefused(trigger.id(), refusal);
			return false;
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
		return true;
	}

	private String refusal(Trigger trigger, Optional<Contact> contact) {
		if (contact.isEmpty()) {
			return "no client or partner with address " + trigger.contactEmail();
		}
		if (contacts.isSuppressed(trigger.contactEmail())) {
			return "address is suppressed";
		}
		Optional<Introduction> open = introductions.findOpenByReferrer(trigger.contactEmail());
		if (open.isPresent()) {
			return "referrer already has open introduction " + open.get().token() + " (" + open.get().state() + ")";
		}
		if (trigger.prospectEmail() != null && !trigger.prospectEmail().isEmpty()
				&& contacts.isSuppressed(trigger.prospectEmail())) {
			return "target prospect " + trigger.prospectEmail() + " is suppressed";
		}
		return null;
	}

}
