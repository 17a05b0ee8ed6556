package io.introflow.trigger;

import java.util.List;

import io.introflow.intake.CsvRow;
import io.introflow.intake.Fields;

/**
 * Turns one row of a triggers file into a {@link Trigger}, or rejects it with the column and reason.
 */
public class TriggerRowMapper {

	public static final List<String> REQUIRED_COLUMNS = List.of("contact_email", "type", "occurred_at");

	public Trigger map(CsvRow row) {
		return new Trigger(null, Fields.email(row, "contact_email", true),
				Fields.oneOf(row, "type", Trigger.TYPES, null), Fields.date(row, "occurred_at"),
				Fields.text(row, "note", false), Fields.text(row, "prospect_name", false),
				Fields.email(row, "prospect_email", false), Fields.text(row, "prospect_company", false), row.where());
	}

}
