package io.introflow.playbook;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.Tx;
import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;

/**
 * Asks throughout the year: a client or partner who has had no trigger and no ask for
 * {@code cadence.every-days} gets a {@code cadence} trigger, when they are eligible that
 * day. The planner then treats it like any other trigger. A contact counts as known from
 * the night they were first imported, so a newly imported list is not asked at once.
 */
@Component
public class Cadence {

	private final JdbcClient jdbc;

	private final ContactRepository contacts;

	private final Eligibility eligibility;

	private final SequenceProperties properties;

	private final Clock clock;

	private final Tx tx;

	public Cadence(JdbcClient jdbc, ContactRepository contacts, Eligibility eligibility, SequenceProperties properties,
			Clock clock, Tx tx) {
		this.tx = tx;
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.eligibility = eligibility;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Adds the night's cadence triggers, committed on their own so that the planner (one
	 * transaction per chunk of triggers) sees them. @return a one-line summary
	 */
	public String generate(LocalDate day) {
		return tx.inNew(() -> generateNow(day));
	}

	private String generateNow(LocalDate day) {
		// the import sets it on new contacts; this fills older ones (an index lookup when
		// there are none)
		jdbc.sql("UPDATE contact SET first_seen_on = ? WHERE first_seen_on IS NULL").param(day).update();
		SequenceProperties.Cadence cadence = properties.cadence();
		if (cadence.everyDays() == 0) {
			return "cadence off";
		}
		LocalDate cutoff = day.minusDays(cadence.everyDays());
		int minAge = properties.eligibility().minRelationshipDays();
		// untouched since the cutoff: no trigger of any kind, no ask, and known for at
		// least that long
		List<String> candidates = jdbc.sql("""
				SELECT c.email FROM contact c
				WHERE c.relationship IN ('customer', 'partner') AND c.first_seen_on <= ?
				  AND (c.since IS NULL OR c.since <= ?)
				  AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.email = c.email)
				  AND NOT EXISTS (SELECT 1 FROM intro_trigger t WHERE t.contact_email = c.email AND t.occurred_on > ?)
				  AND NOT EXISTS (SELECT 1 FROM introduction i WHERE i.referrer_email = c.email
				    AND (i.asked_on > ? OR i.created_on > ?))
				ORDER BY c.first_seen_on, c.email""")
			.params(cutoff, day.minusDays(minAge), cutoff, cutoff, cutoff)
			.query(String.class)
			.list();
		int added = 0;
		int ineligible = 0;
		OffsetDateTime now = OffsetDateTime.now(clock);
		for (String email : candidates) {
			if (added >= cadence.maxPerNight()) {
				break;
			}
			Contact contact = contacts.find(email).orElseThrow();
			if (eligibility.refusal(contact, day) != null) {
				ineligible++;
				continue;
			}
			added += jdbc.sql("""
					INSERT INTO intro_trigger (contact_email, type, occurred_on, note, status, source, created_at)
					VALUES (?, 'cadence', ?, ?, 'NEW', 'cadence', ?)""")
				.params(email, day, "no trigger and no ask for " + cadence.everyDays() + " days", now)
				.update();
		}
		int left = candidates.size() - added - ineligible;
		return added + " cadence triggers"
				+ ((left > 0) ? " (" + left + " more due; max-per-night " + cadence.maxPerNight() + ")" : "");
	}

}
