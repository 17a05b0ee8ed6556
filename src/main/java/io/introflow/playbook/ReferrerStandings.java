package io.introflow.playbook;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;

/**
 * The clients and partners as the playbook sees them on a day, a page at a time, for the
 * console: whether each may be asked (and why not, as {@link Eligibility} says), their
 * asks in the last 365 days against the yearly cap, and the pauses in force. What
 * {@code introflow status --contact} prints for one referrer, for many.
 */
@Component
public class ReferrerStandings {

	private final ContactRepository contacts;

	private final Eligibility eligibility;

	private final SequenceProperties properties;

	private final JdbcClient jdbc;

	ReferrerStandings(ContactRepository contacts, Eligibility eligibility, SequenceProperties properties,
			JdbcClient jdbc) {
		this.contacts = contacts;
		this.eligibility = eligibility;
		this.properties = properties;
		this.jdbc = jdbc;
	}

	/**
	 * One referrer on a day.
	 *
	 * @param asks asks in the 365 days up to the day (as the yearly cap counts them)
	 * @param cap the yearly cap ({@code max-asks-per-year})
	 * @param lastAsk the latest of those asks; null when none
	 * @param refusal why they may not be asked on the day; null when they may
	 */
	public record Standing(Contact contact, int asks, int cap, LocalDate lastAsk, String refusal) {

		public boolean mayBeAsked() {
			return refusal == null;
		}

	}

	/** A page of standings, and how many referrers match in all. */
	public record Page(List<Standing> standings, int total, int offset, int limit) {

		public boolean hasNext() {
			return offset + standings.size() < total;
		}

		public boolean hasPrevious() {
			return offset > 0;
		}

	}

	/** A pause in force on the day. */
	public record PauseInForce(AccountPauses.Pause pause, String company) {
	}

	/**
	 * The referrers matching {@code search} (email, name or company), by email,
	 * {@code limit} from {@code offset}. The asks of the page are read in one query;
	 * eligibility is judged for each referrer of the page.
	 */
	public Page page(LocalDate day, String search, int offset, int limit) {
		List<Contact> page = contacts.referrers(search, offset, limit);
		Map<String, Asks> asks = new HashMap<>();
		if (!page.isEmpty()) {
			jdbc.sql("""
					SELECT referrer_email, COUNT(*), MAX(asked_on) FROM introduction
					WHERE referrer_email IN (:emails) AND asked_on IS NOT NULL AND asked_on > :from
					GROUP BY referrer_email""")
				.param("emails", page.stream().map(Contact::email).toList())
				.param("from", day.minusDays(365))
				.query((rs, n) -> asks.put(rs.getString(1), new Asks(rs.getInt(2), rs.getObject(3, LocalDate.class))))
				.list();
		}
		int cap = properties.eligibility().maxAsksPerYear();
		List<Standing> standings = page.stream().map(c -> {
			Asks a = asks.getOrDefault(c.email(), new Asks(0, null));
			return new Standing(c, a.count(), cap, a.last(), eligibility.refusal(c, day));
		}).toList();
		return new Page(standings, contacts.countReferrers(search), offset, limit);
	}

	private record Asks(int count, LocalDate last) {
	}

	/** Every pause in force on the day (not ended, not lifted), the oldest first. */
	public List<PauseInForce> pausesOn(LocalDate day) {
		return jdbc.sql("""
				SELECT p.id, p.contact_email, p.company_key, p.reason, p.starts_on, p.ends_on, c.company
				FROM account_pause p LEFT JOIN contact c ON c.email = p.contact_email
				WHERE p.starts_on <= :day AND (p.ends_on IS NULL OR p.ends_on > :day)
				  AND (p.lifted_on IS NULL OR p.lifted_on > :day)
				ORDER BY p.starts_on, p.id""")
			.param("day", day)
			.query((rs,
					n) -> new PauseInForce(
							new AccountPauses.Pause(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
									rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)),
							rs.getString(7)))
			.list();
	}

}
