package io.introflow.contact;

import java.util.List;
import java.util.Set;

import io.introflow.intake.CsvRow;
import io.introflow.intake.Fields;

/**
 * Turns one row of a clients/partners file into a {@link Contact}, or rejects it with the column and reason.
 */
public class ContactRowMapper {

	public static final List<String> REQUIRED_COLUMNS = List.of("email", "name", "relationship", "owner_email");

	private static final Set<String> RELATIONSHIPS = Set.of("customer", "partner");

	public Contact map(CsvRow row) {
		String email = Fields.email(row, "email", true);
		String name = Fields.text(row, "name", true);
		String company = Fields.text(row, "company", false);
		String relationship = Fields.oneOf(row, "relationship", RELATIONSHIPS, null);
		String ownerEmail = Fields.email(row, "owner_email", true);
		String ownerName = Fields.text(row, "owner_name", false);
		String segment = Fields.text(row, "segment", false);
		String locale = Fields.text(row, "locale", false);
		String zone = Fields.zone(row, "time_zone", "UTC");
		return new Contact(email, name, company, relationship, ownerEmail,
				ownerName.isEmpty() ? ownerEmail : ownerName, segment.isEmpty() ? relationship : segment,
				locale.isEmpty() ? "en" : locale, zone, row.where());
	}

}
