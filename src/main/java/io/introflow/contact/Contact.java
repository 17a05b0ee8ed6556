package io.introflow.contact;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client or partner who may introduce us (the referrer), keyed by lower-case email.
 *
 * @param relationship {@code customer} or {@code partner}
 * @param ownerEmail the employee who owns the relationship and signs the emails
 * @param segment the sequence and template segment, by default the relationship
 * @param attributes the extra columns of the clients file, by column name, for templates
 * @param since when the relationship began, when the file says; null if unknown
 * @param country the ISO 3166 country whose holidays count for this contact; null for the
 * default
 */
public record Contact(String email, String name, String company, String relationship, String ownerEmail,
		String ownerName, String segment, String locale, String timeZone, String source, Map<String, String> attributes,
		LocalDate since, String country) {

	public Contact {
		attributes = (attributes != null) ? new TreeMap<>(attributes) : new TreeMap<>();
	}

	public Contact(String email, String name, String company, String relationship, String ownerEmail, String ownerName,
			String segment, String locale, String timeZone, String source, Map<String, String> attributes) {
		this(email, name, company, relationship, ownerEmail, ownerName, segment, locale, timeZone, source, attributes,
				null, null);
	}

	public Contact(String email, String name, String company, String relationship, String ownerEmail, String ownerName,
			String segment, String locale, String timeZone, String source) {
		this(email, name, company, relationship, ownerEmail, ownerName, segment, locale, timeZone, source, Map.of());
	}

	public String firstName() {
		int space = name.indexOf(' ');
		return (space > 0) ? name.substring(0, space) : name;
	}

}
