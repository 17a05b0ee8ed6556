package io.introflow.contact;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.introflow.intake.CsvLayout;
import io.introflow.intake.CsvRow;
import io.introflow.intake.Fields;

/**
 * Turns one row of a clients/partners file into a {@link Contact}, or rejects it with the
 * column and reason. Columns this layout does not know are kept as the contact's
 * attributes, for templates.
 */
public class ContactRowMapper {

	public static final CsvLayout LAYOUT = new CsvLayout(
			"clients", List.of("clients", "partners", "contacts"), List.of("email", "name", "company", "relationship",
					"owner_email", "owner_name", "segment", "locale", "time_zone", "since", "country"),
			List.of("email", "name", "relationship", "owner_email"),
			CsvLayout
				.aliases(Map.of("email", Set.of("e_mail", "email_address", "e_mail_address", "mail", "contact_email"),
						"name", Set.of("full_name", "contact_name", "contact"), "company",
						Set.of("organisation", "organization", "account", "account_name", "company_name"),
						"relationship", Set.of("relationship_type", "kind", "contact_type"), "owner_email",
						Set.of("owner", "owner_e_mail", "account_owner", "account_owner_email", "rep_email", "rep"),
						"owner_name", Set.of("account_owner_name", "rep_name"), "locale", Set.of("language", "lang"),
						"time_zone", Set.of("timezone", "tz"), "since", Set.of("customer_since", "client_since",
								"partner_since", "relationship_since", "start_date", "started_on"),
						"country", Set.of("country_code", "iso_country"))));

	private static final Set<String> RELATIONSHIPS = Set.of("customer", "partner");

	private static final int MAX_ATTRIBUTES = 30;

	private final List<DateTimeFormatter> dateFormats;

	public ContactRowMapper(List<DateTimeFormatter> dateFormats) {
		this.dateFormats = List.copyOf(dateFormats);
	}

	public Contact map(CsvRow row) {
		String email = Fields.email(row, "email", true);
		String name = Fields.text(row, "name", true);
		String company = Fields.text(row, "company", false);
		String relationship = Fields.oneOf(row, "relationship", RELATIONSHIPS, null);
		String ownerEmail = Fields.email(row, "owner_email", true);
		String ownerName = Fields.text(row, "owner_name", false);
		// the segment names a template folder: a code, never a path
		String segment = Fields.code(row, "segment", 50);
		String locale = Fields.code(row, "locale", 20);
		String zone = Fields.zone(row, "time_zone", "UTC");
		return new Contact(email, name, company, relationship, ownerEmail, ownerName.isEmpty() ? ownerEmail : ownerName,
				segment.isEmpty() ? relationship : segment, locale.isEmpty() ? "en" : locale, zone, row.where(),
				attributes(row), Fields.optionalDate(row, "since", dateFormats),
				emptyToNull(Fields.country(row, "country")));
	}

	private static String emptyToNull(String s) {
		return s.isEmpty() ? null : s;
	}

	/**
	 * What the database keeps of the extra columns together, as JSON
	 * (contact.attributes).
	 */
	static final int MAX_ATTRIBUTES_JSON = 4000;

	private static final Attributes JSON = new Attributes();

	private static Map<String, String> attributes(CsvRow row) {
		Map<String, String> attributes = new LinkedHashMap<>();
		// JSON at most doubles a name or value (escaped quotes, backslashes; control
		// characters are refused before)
		long mostJson = 2;
		for (String column : row.values().keySet()) {
			if (!LAYOUT.knows(column) && column.matches("[a-z][a-z0-9_]{0,39}")) {
				String value = Fields.text(row, column, false);
				if (!value.isEmpty() && attributes.size() < MAX_ATTRIBUTES) {
					attributes.put(column, value.length() > 500 ? value.substring(0, 500) : value);
					mostJson += 2L * (column.length() + value.length()) + 6;
					// refused here, as one row; at the database it would fail the whole
					// chunk and the night
					if (mostJson > MAX_ATTRIBUTES_JSON && JSON.write(attributes).length() > MAX_ATTRIBUTES_JSON) {
						throw Fields.reject(row, column, value, "the extra columns of this row hold more than the "
								+ MAX_ATTRIBUTES_JSON + " characters kept for them together; shorten or drop some");
					}
				}
			}
		}
		return attributes;
	}

}
