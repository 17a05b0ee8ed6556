package io.introflow.playbook;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.introflow.intake.CsvLayout;
import io.introflow.intake.CsvRow;
import io.introflow.intake.Fields;

/**
 * An introduction the firm made for a partner (a row of the partner-referrals file): the
 * other half of partner reciprocity.
 */
public record PartnerReferral(String partnerEmail, String prospectName, String prospectCompany, LocalDate on,
		String note, String file, long line) {

	public String source() {
		return file + ":" + line;
	}

	public static final CsvLayout LAYOUT = new CsvLayout("partner-referrals",
			List.of("partner-referrals", "partner_referrals", "referrals-given", "referrals_given"),
			List.of("partner_email", "prospect_name", "prospect_company", "date", "note"),
			List.of("partner_email", "prospect_company", "date"),
			CsvLayout.aliases(Map.of("partner_email", Set.of("partner", "email", "partner_e_mail", "contact_email"),
					"prospect_name", Set.of("contact_name", "introduced_name", "name"), "prospect_company",
					Set.of("company", "introduced_company", "client", "account"), "date",
					Set.of("occurred_at", "occurred_on", "introduced_on", "on"), "note",
					Set.of("notes", "comment", "details"))));

	/** Reads one row, or rejects it naming the column. */
	public static PartnerReferral map(CsvRow row, List<DateTimeFormatter> dateFormats) {
		return new PartnerReferral(Fields.email(row, "partner_email", true), Fields.text(row, "prospect_name", false),
				Fields.text(row, "prospect_company", true), Fields.date(row, "date", dateFormats),
				Fields.multiline(row, "note"), row.file(), row.line());
	}

}
