package io.introflow.playbook;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.contact.Contact;

/**
 * Account-level pauses: while a contact (or every contact of their company) has an open
 * support escalation, a detractor NPS answer or a {@code pause} trigger, they get no
 * automated email and are not asked. A pause ends on its end day, or when a
 * {@code resume} trigger lifts it.
 */
@Component
public class AccountPauses {

	private final JdbcClient jdbc;

	private final SequenceProperties properties;

	public AccountPauses(JdbcClient jdbc, SequenceProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * One pause. @param endsOn the first day it no longer applies; null until a resume
	 * trigger
	 */
	public record Pause(long id, String contactEmail, String companyKey, String reason, LocalDate startsOn,
			LocalDate endsOn) {

		public String describe() {
			return reason + " since " + startsOn + ((companyKey != null) ? " (whole company)" : "")
					+ ((endsOn != null) ? ", until " + endsOn : ", until a resume trigger");
		}

	}

	/**
	 * Opens the pause a trigger of type {@code escalation}, {@code nps_detractor} or
	 * {@code pause} stands for.
	 */
	public Pause open(String type, Contact contact, LocalDate on, long triggerId) {
		SequenceProperties.Pause rule = properties.pauses().get(type);
		String company = companyKey(contact);
		String companyKey = (rule.scope() == SequenceProperties.Scope.COMPANY) ? company : null;
		LocalDate ends = (rule.days() > 0) ? on.plusDays(rule.days()) : null;
		jdbc.sql("""
				INSERT INTO account_pause (contact_email, company_key, reason, trigger_id, starts_on, ends_on)
				VALUES (?, ?, ?, ?, ?, ?)""").params(contact.email(), companyKey, type, triggerId, on, ends).update();
		long id = jdbc.sql("SELECT MAX(id) FROM account_pause WHERE trigger_id = ?")
			.param(triggerId)
			.query(Long.class)
			.single();
		return new Pause(id, contact.email(), companyKey, type, on, ends);
	}

	/** Lifts every pause that covers the contact. @return how many were lifted */
	public int resume(Contact contact, LocalDate on, String cause) {
		return jdbc.sql("""
				UPDATE account_pause SET lifted_on = ?, lifted_by = ?
				WHERE lifted_on IS NULL AND starts_on <= ? AND (contact_email = ? OR company_key = ?)""")
			.params(on, cause, on, contact.email(), companyKey(contact))
			.update();
	}

	/**
	 * The contact and, when they have a company, every contact of it: whom a company-wide
	 * pause covers.
	 */
	public List<String> sameAccount(Contact contact) {
		String company = companyKey(contact);
		if (company == null) {
			return List.of(contact.email());
		}
		return jdbc.sql("SELECT email FROM contact WHERE email = ? OR LOWER(TRIM(company)) = ? ORDER BY email")
			.params(contact.email(), company)
			.query(String.class)
			.list();
	}

	/**
	 * The pause that keeps automated email from the contact on that day, the longest
	 * first.
	 */
	public Optional<Pause> activeFor(String email, String company, LocalDate day) {
		List<Pause> found = jdbc.sql("""
				SELECT id, contact_email, company_key, reason, starts_on, ends_on FROM account_pause
				WHERE (contact_email = ? OR company_key = ?) AND starts_on <= ? AND (ends_on IS NULL OR ends_on > ?)
				  AND (lifted_on IS NULL OR lifted_on > ?)
				ORDER BY CASE WHEN ends_on IS NULL THEN 0 ELSE 1 END, ends_on DESC, id""")
			.params(email, companyKey(company), day, day, day)
			.query((rs, n) -> new Pause(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)))
			.list();
		return found.stream().findFirst();
	}

	/**
	 * The pause that keeps automated email from each of these contacts on that day (the
	 * longest first, as {@link #activeFor(String, String, LocalDate)} picks it), in one
	 * query; a contact without one is absent.
	 */
	public Map<String, Pause> activeForAll(Collection<Contact> contacts, LocalDate day) {
		Map<String, Pause> active = new HashMap<>();
		if (contacts.isEmpty()) {
			return active;
		}
		List<String> emails = contacts.stream().map(Contact::email).distinct().toList();
		List<String> companies = contacts.stream()
			.map(AccountPauses::companyKey)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		List<Pause> found = jdbc.sql("""
				SELECT id, contact_email, company_key, reason, starts_on, ends_on FROM account_pause
				WHERE (contact_email IN (:emails) OR company_key IN (:companies)) AND starts_on <= :day
				  AND (ends_on IS NULL OR ends_on > :day) AND (lifted_on IS NULL OR lifted_on > :day)
				ORDER BY CASE WHEN ends_on IS NULL THEN 0 ELSE 1 END, ends_on DESC, id""")
			.param("emails", emails)
			.param("companies", companies.isEmpty() ? List.of("") : companies)
			.param("day", day)
			.query((rs, n) -> new Pause(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)))
			.list();
		if (found.isEmpty()) {
			return active;
		}
		for (Contact contact : contacts) {
			String company = companyKey(contact);
			found.stream()
				.filter(p -> p.contactEmail().equals(contact.email())
						|| (p.companyKey() != null && p.companyKey().equals(company)))
				.findFirst()
				.ifPresent(p -> active.put(contact.email(), p));
		}
		return active;
	}

	public Optional<Pause> activeFor(Contact contact, LocalDate day) {
		return activeFor(contact.email(), contact.company(), day);
	}

	/** Every pause of a contact or their company, for {@code introflow status}. */
	public List<String> historyOf(Contact contact) {
		return jdbc.sql("""
				SELECT reason, starts_on, ends_on, lifted_on, lifted_by, company_key FROM account_pause
				WHERE contact_email = ? OR company_key = ? ORDER BY starts_on, id""")
			.params(contact.email(), companyKey(contact))
			.query((rs, n) -> rs.getString(1) + " from " + rs.getObject(2, LocalDate.class)
					+ (rs.getString(6) != null ? " (whole company)" : "")
					+ (rs.getObject(3) != null ? ", ends " + rs.getObject(3, LocalDate.class) : "")
					+ (rs.getObject(4) != null
							? ", lifted " + rs.getObject(4, LocalDate.class) + " by " + rs.getString(5) : ""))
			.list();
	}

	private static String companyKey(Contact contact) {
		return companyKey(contact.company());
	}

	/**
	 * Companies are compared case-insensitively; a contact without a company is paused
	 * alone.
	 */
	static String companyKey(String company) {
		return (company == null || company.isBlank()) ? null : company.strip().toLowerCase(Locale.ROOT);
	}

}
