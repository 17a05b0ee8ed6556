package io.introflow.trigger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.introflow.Tx;
import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.IntroductionRepository;
import io.introflow.intro.PlaybookProperties;
import io.introflow.playbook.AccountPauses;
import io.introflow.playbook.Eligibility;
import io.introflow.playbook.Playbook;
import io.introflow.playbook.SequenceProperties;
import io.introflow.playbook.Sequences;

/**
 * Turns new triggers into introductions when the referrer is eligible; a refused trigger
 * keeps its reason. Triggers that pause or resume an account ({@code escalation},
 * {@code nps_detractor}, {@code pause}, {@code resume}) are applied first, so that a
 * pause reported in the same night already holds.
 */
@Component
public class IntroductionPlanner {

	private static final Logger log = LoggerFactory.getLogger(IntroductionPlanner.class);

	private final TriggerRepository triggers;

	private final ContactRepository contacts;

	private final IntroductionRepository introductions;

	private final IntroEvents events;

	private final PlaybookProperties playbook;

	private final Tx tx;

	private final Eligibility eligibility;

	private final AccountPauses pauses;

	private final Sequences sequences;

	private final Playbook playbookRules;

	IntroductionPlanner(TriggerRepository triggers, ContactRepository contacts, IntroductionRepository introductions,
			IntroEvents events, PlaybookProperties playbook, Tx tx, Eligibility eligibility, AccountPauses pauses,
			Sequences sequences, Playbook playbookRules) {
		this.playbookRules = playbookRules;
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

	/** Triggers planned together, in one transaction. */
	static final int CHUNK = 500;

	/**
	 * Plans the new triggers: pause and resume triggers first, one transaction each, then
	 * the others a chunk per transaction: the chunk's referrers and their standing are
	 * read in set queries, eligibility is decided in memory (a referrer planned earlier
	 * in the chunk now has an introduction that waits for them), and the introductions,
	 * their events and the triggers' new status are written in batches. A chunk cut short
	 * is rolled back whole; its triggers are still new for the next run.
	 */
	public Result plan(LocalDate day) {
		List<Trigger> waiting = triggers.findNew(day);
		Map<Done, Integer> counts = new EnumMap<>(Done.class);
		for (Trigger trigger : waiting.stream().filter(IntroductionPlanner::isControl).toList()) {
			counts.merge(tx.inNew(() -> planOne(trigger, day)), 1, Integer::sum);
		}
		List<Trigger> asks = waiting.stream().filter(t -> !isControl(t)).toList();
		log.info("Planning {} triggers, {} per transaction", asks.size(), CHUNK);
		for (int from = 0; from < asks.size(); from += CHUNK) {
			List<Trigger> chunk = asks.subList(from, Math.min(asks.size(), from + CHUNK));
			tx.inNew(() -> planChunk(chunk, day)).forEach((done, n) -> counts.merge(done, n, Integer::sum));
		}
		return new Result(counts.getOrDefault(Done.PLANNED, 0), counts.getOrDefault(Done.REFUSED, 0),
				counts.getOrDefault(Done.APPLIED, 0));
	}

	private Map<Done, Integer> planChunk(List<Trigger> chunk, LocalDate day) {
		Map<String, Contact> referrers = contacts
			.findAll(chunk.stream().map(Trigger::contactEmail).distinct().toList());
		Map<String, Eligibility.Standing> standings = new HashMap<>(eligibility.standings(referrers.values(), day));
		Set<String> suppressedProspects = contacts.suppressedAmong(chunk.stream()
			.map(Trigger::prospectEmail)
			.filter(e -> e != null && !e.isEmpty())
			.map(e -> e.toLowerCase(Locale.ROOT))
			.distinct()
			.toList());
		Map<Long, String> marks = new LinkedHashMap<>();
		List<IntroductionRepository.New> planned = new ArrayList<>();
		List<Trigger> plannedTriggers = new ArrayList<>();
		for (Trigger trigger : chunk) {
			Contact referrer = referrers.get(trigger.contactEmail());
			String refusal = (referrer == null) ? "no client or partner with address " + trigger.contactEmail()
					: refusal(trigger, referrer, standings.get(referrer.email()), suppressedProspects, day);
			marks.put(trigger.id(), refusal);
			if (refusal != null) {
				continue;
			}
			IntroductionRepository.New intro = newIntroduction(trigger, referrer, day);
			standings.put(referrer.email(), standings.get(referrer.email()).planned(intro.token()));
			planned.add(intro);
			plannedTriggers.add(trigger);
		}
		Map<String, Long> ids = introductions.createAll(planned, day);
		List<IntroEvents.Event> events = new ArrayList<>();
		for (int i = 0; i < planned.size(); i++) {
			IntroductionRepository.New intro = planned.get(i);
			Trigger trigger = plannedTriggers.get(i);
			events.add(new IntroEvents.Event(ids.get(intro.token()), day, "PLANNED", null, null,
					"trigger:" + trigger.id(), trigger.type() + " on " + trigger.occurredOn() + " (" + trigger.source()
							+ "); variant " + intro.variant() + ", " + intro.introForm() + " intro"));
		}
		this.events.recordAll(events);
		triggers.markAll(marks);
		Map<Done, Integer> counts = new EnumMap<>(Done.class);
		counts.put(Done.PLANNED, planned.size());
		counts.put(Done.REFUSED, marks.size() - planned.size());
		return counts;
	}

	/** The introduction a trigger starts, with its first step as its sequence says. */
	private IntroductionRepository.New newIntroduction(Trigger trigger, Contact referrer, LocalDate day) {
		Optional<Sequences.Next> first = playbookRules.firstStep(referrer.segment(), referrer.relationship(),
				referrer.country(), day);
		return new IntroductionRepository.New(introductions.newToken(), referrer.email(), referrer.ownerEmail(),
				referrer.ownerName(), trigger.prospectName(), trigger.prospectEmail(), trigger.prospectCompany(),
				trigger.id(), referrer.segment(), playbook.variantFor(referrer.email()),
				playbook.introFormFor(referrer.segment()), first.map(Sequences.Next::stepKey).orElse(null),
				first.map(Sequences.Next::due).orElse(null));
	}

	private String refusal(Trigger trigger, Contact referrer, Eligibility.Standing standing,
			Set<String> suppressedProspects, LocalDate day) {
		String refusal = eligibility.refusal(referrer, standing, day);
		if (refusal != null) {
			return refusal;
		}
		if (trigger.prospectEmail() != null && !trigger.prospectEmail().isEmpty()
				&& suppressedProspects.contains(trigger.prospectEmail().toLowerCase(Locale.ROOT))) {
			return "target prospect " + trigger.prospectEmail() + " is suppressed";
		}
		return null;
	}

	private static boolean isControl(Trigger t) {
		return Trigger.RESUME.equals(t.type()) || SequenceProperties.PAUSE_TYPES.contains(t.type());
	}

	/**
	 * A pause or resume trigger, in a transaction of its own; one for an unknown contact
	 * is refused.
	 */
	private Done planOne(Trigger trigger, LocalDate day) {
		Optional<Contact> contact = contacts.find(trigger.contactEmail());
		if (contact.isEmpty()) {
			triggers.markRefused(trigger.id(), "no client or partner with address " + trigger.contactEmail());
			return Done.REFUSED;
		}
		return control(trigger, contact.get());
	}

	/** A pause or resume trigger: opens or lifts the account's pause. */
	private Done control(Trigger trigger, Contact contact) {
		if (Trigger.RESUME.equals(trigger.type())) {
			int lifted = pauses.resume(contact, trigger.occurredOn(), "trigger:" + trigger.id());
			triggers.markApplied(trigger.id(), lifted + " pause(s) lifted");
			// steps held by the pause are due again as their sequence says, not when the
			// pause would have ended
			for (String email : pauses.sameAccount(contact)) {
				introductions.findByReferrer(email)
					.stream()
					.filter(i -> i.nextStep() != null)
					.forEach(i -> sequences.reschedule(i.id()));
			}
		}
		else {
			AccountPauses.Pause pause = pauses.open(trigger.type(), contact, trigger.occurredOn(), trigger.id());
			triggers.markApplied(trigger.id(), "paused: " + pause.describe());
		}
		return Done.APPLIED;
	}

}
