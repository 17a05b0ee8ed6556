package io.introflow.playbook;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;

/**
 * Whether a referrer may be asked for an introduction on a given day, and if not, why: suppressed, paused, an
 * introduction still waiting for them, a relationship too young, the cool-down since the last ask, the yearly cap.
 */
@Component
public class Eligibility {

	private final ContactRepository contacts;

	private final IntroductionRepository introductions;

	private final AccountPauses pauses;

	private final SequenceProperties.Eligibility rules;

	private final JdbcClient jdbc;

	public Eligibility(ContactRepository contacts, IntroductionRepository introductions, AccountPauses pauses,
			SequenceProperties properties, JdbcClient jdbc) {
		this.contacts = contacts;
		this.introductions = introductions;
		this.pauses = pauses;
		this.rules = properties.eligibility();
		this.jdbc = jdbc;
	}

	/** @return null when the referrer may be asked, else the reason they may not */
	public String refusal(Contact referrer, LocalDate day) {
		if (contacts.isSuppressed(referrer.email())) {
			return "address is suppressed";
		}
		Optional<AccountPauses.Pause> pause = pauses.activeFor(referrer, day);
		if (pause.isPresent()) {
			return "account paused: " + pause.get().describe();
		}
		Optional<Introduction> open = introductions.findAwaitingReferrer(referrer.email());
		if (open.isPresent()) {
			return "referrer already has open introduction " + open.get().token() + " (" + open.get().state() + ")";
		}
		if (referrer.since() != null && referrer.since().plusDays(rules.minRelationshipDays()).isAfter(day)) {
			return "relationship began on " + referrer.since() + "; first ask from "
					+ referrer.since().plusDays(rules.minRelationshipDays()) + " (min-relationship-days "
					+ rules.minRelationshipDays() + ")";
		}
		List<LocalDate> asks = asksInYearBefore(referrer.email(), day);
		if (!asks.isEmpty() && asks.get(0).plusDays(rules.coolDownDays()).isAfter(day)) {
			return "asked on " + asks.get(0) + "; cool-down of " + rules.coolDownDays() + " days until "
					+ asks.get(0).plusDays(rules.coolDownDays());
		}
		if (asks.size() >= rules.maxAsksPerYear()) {
			LocalDate oldest = asks.get(rules.maxAsksPerYear() - 1);
			return "asked " + asks.size() + " times in the last 365 days (max-asks-per-year "
					+ rules.maxAsksPerYear() + "); next possible on " + oldest.plusDays(365);
		}
		return null;
	}

	/** The days the referrer was asked in the 365 days up to {@code day}, newest first. */
	public List<LocalDate> asksInYearBefore(String email, LocalDate day) {
		return jdbc.sql("""
				SELECT asked_on FROM introduction WHERE referrer_email = ? AND asked_on IS NOT NULL AND asked_on > ?
				ORDER BY asked_on DESC""")
			.params(email, day.minusDays(365))
			.query(LocalDate.class)
			.list();
	}

}
