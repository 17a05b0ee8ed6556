package io.introflow.contact;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.introflow.intake.CsvLayout;
import io.introflow.intake.CsvRow;
import io.introflow.intake.Fields;

/** One row of a suppressions (do-not-contact) file: an address and, optionally, why. */
public class SuppressionRowMapper {

	public static final CsvLayout LAYOUT = new CsvLayout("suppressions",
			List.of("suppressions", "suppression", "do_not_contact", "do-not-contact", "unsubscribes"),
			List.of("email", "reason"), List.of("email"), CsvLayout.aliases(Map.of("email",
					Set.of("e_mail", "email_address", "address", "mail"), "reason", Set.of("why", "note"))));

	private static final Set<String> REASONS = Set.of("imported", "unsubscribed", "hard_bounce", "complaint",
			"do_not_contact");

	public Suppression map(CsvRow row) {
		String email = Fields.email(row, "email", true);
		String reason = Fields.oneOf(row, "reason", REASONS, "imported");
		return new Suppression(email, reason, row.where());
	}

}
