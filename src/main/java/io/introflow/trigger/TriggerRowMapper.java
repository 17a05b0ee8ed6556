package io.introflow.trigger;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.introflow.intake.CsvLayout;
import io.introflow.intake.CsvRow;
import io.introflow.intake.Fields;

/**
 * Turns one row of a triggers file into a {@link Trigger}, or rejects it with the column
 * and reason.
 */
public class TriggerRowMapper {

	public static final CsvLayout LAYOUT = new CsvLayout(
			"triggers", List.of("triggers", "trigger"), List.of("contact_email", "type", "occurred_at", "note",
					"prospect_name", "prospect_email", "prospect_company"),
			List.of("contact_email", "type", "occurred_at"),
			CsvLayout.aliases(Map.of("contact_email",
					Set.of("email", "e_mail", "client_email", "referrer_email", "contact"), "type",
					Set.of("trigger", "trigger_type", "event", "event_type"), "occurred_at",
					Set.of("date", "occurred_on", "occurred", "when", "event_date", "timestamp"), "note",
					Set.of("notes", "comment", "comments", "details"), "prospect_name",
					Set.of("target_name", "prospect"), "prospect_email", Set.of("target_email", "prospect_e_mail"),
					"prospect_company", Set.of("target_company", "prospect_organisation", "prospect_organization"))));

	private final List<DateTimeFormatter> dateFormats;

	public TriggerRowMapper(List<DateTimeFormatter> dateFormats) {
		this.dateFormats = List.copyOf(dateFormats);
	}

	public Trigger map(CsvRow row) {
		return new Trigger(null, Fields.email(row, "contact_email", true),
				Fields.oneOf(row, "type", Trigger.TYPES, null), Fields.date(row, "occurred_at", dateFormats),
				Fields.multiline(row, "note"), Fields.text(row, "prospect_name", false),
				Fields.email(row, "prospect_email", false), Fields.text(row, "prospect_company", false), row.where());
	}

}
