package io.introflow.intro;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.introflow.intake.CsvLayout;
import io.introflow.intake.CsvRow;
import io.introflow.intake.Fields;

/**
 * One row of an outcomes file: which introduction (token or prospect email), what
 * happened, and when.
 */
public class OutcomeRowMapper {

	public static final CsvLayout LAYOUT = new CsvLayout("outcomes", List.of("outcomes", "outcome", "deals"),
			List.of("token", "prospect_email", "outcome", "date"), List.of("outcome", "date"),
			CsvLayout.aliases(
					Map.of("token", Set.of("intro", "introduction", "introduction_token", "intro_token", "reference"),
							"prospect_email", Set.of("prospect", "prospect_e_mail", "email", "contact_email"),
							"outcome", Set.of("result", "status", "stage"), "date",
							Set.of("occurred_at", "occurred_on", "on", "closed_on", "close_date"))));

	static final Set<String> KINDS = Set.of("meeting", "won", "lost");

	private final List<DateTimeFormatter> dateFormats;

	public OutcomeRowMapper(List<DateTimeFormatter> dateFormats) {
		this.dateFormats = List.copyOf(dateFormats);
	}

	public Outcome map(CsvRow row) {
		String token = Fields.text(row, "token", false).toLowerCase(java.util.Locale.ROOT);
		String prospect = Fields.email(row, "prospect_email", false);
		if (token.isEmpty() && prospect.isEmpty()) {
			throw Fields.reject(row, "token", "", "is required when there is no prospect_email");
		}
		if (!token.isEmpty() && !token.matches("[a-z0-9]{8,40}")) {
			throw Fields.reject(row, "token", token, "is not an introduction token");
		}
		return new Outcome(token, prospect, Fields.oneOf(row, "outcome", KINDS, null),
				Fields.date(row, "date", dateFormats), row.file(), row.line());
	}

}
