package io.introflow.playbook;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.introflow.contact.ContactRepository;
import io.introflow.intake.ImportCounts;
import io.introflow.intake.RowError;

/**
 * Partner reciprocity: the introductions a partner made for the firm (their introductions that were made), and those
 * the firm made for them (the partner-referrals file).
 */
@Repository
public class Reciprocity {

	/** States of an introduction the referrer has made. */
	static final String MADE = "('INTRODUCED', 'ENGAGED', 'MEETING', 'WON', 'LOST')";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final ContactRepository contacts;

	private final Clock clock;

	Reciprocity(JdbcClient jdbc, JdbcTemplate batch, ContactRepository contacts, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.contacts = contacts;
		this.clock = clock;
	}

	/** One introduction, either way. */
	public record Item(LocalDate on, String name, String company) {

		Map<String, Object> toModel() {
			return Map.of("date", on.toString(), "name", name, "company", company);
		}

	}

	/** The two sides for one partner over a period. */
	public record Balance(List<Item> made, List<Item> received) {
	}

	/** Stores referrals not yet stored; a row for an address that is no partner is rejected. */
	public ImportCounts insertAllOnce(List<PartnerReferral> chunk, Consumer<RowError> reject) {
		Map<String, PartnerReferral> byKey = new LinkedHashMap<>();
		for (PartnerReferral r : chunk) {
			boolean partner = contacts.find(r.partnerEmail()).map(c -> c.relationship().equals("partner"))
				.orElse(false);
			if (!partner) {
				reject.accept(new RowError(r.file(), r.line(), "partner_email", r.partnerEmail(),
						"is not a partner in the clients file"));
				continue;
			}
			byKey.putIfAbsent(r.partnerEmail() + "|" + r.prospectCompany() + "|" + r.on(), r);
		}
		Set<String> stored = new HashSet<>();
		if (!byKey.isEmpty()) {
			jdbc.sql("SELECT partner_email, prospect_company, occurred_on FROM partner_referral WHERE partner_email IN (:p)")
				.param("p", byKey.values().stream().map(PartnerReferral::partnerEmail).distinct().toList())
				.query((ResultSet rs) -> {
					stored.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getObject(3, LocalDate.class));
				});
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<Object[]> inserts = new ArrayList<>();
		byKey.forEach((key, r) -> {
			if (!stored.contains(key)) {
				inserts.add(new Object[] { r.partnerEmail(), r.prospectName(), r.prospectCompany(), r.on(), r.note(),
						r.source(), now });
			}
		});
		if (!inserts.isEmpty()) {
			batch.batchUpdate("""
					INSERT INTO partner_referral (partner_email, prospect_name, prospect_company, occurred_on, note,
					  source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""", inserts);
		}
		return new ImportCounts(inserts.size(), 0, byKey.size() - inserts.size());
	}

	/** Made and received from {@code from} up to and including {@code to}. */
	public Balance between(String partner, LocalDate from, LocalDate to) {
		List<Item> made = jdbc.sql("""
				SELECT MIN(e.occurred_on), i.prospect_name, i.prospect_company, i.prospect_email FROM introduction i
				JOIN intro_event e ON e.introduction_id = i.id AND e.type = 'TRANSITION' AND e.to_state = 'INTRODUCED'
				WHERE i.referrer_email = ? AND i.state IN """ + MADE + """
				 GROUP BY i.id, i.prospect_name, i.prospect_company, i.prospect_email
				HAVING MIN(e.occurred_on) BETWEEN ? AND ? ORDER BY 1""")
			.params(partner, from, to)
			.query((rs, n) -> new Item(rs.getObject(1, LocalDate.class), blank(rs.getString(2), rs.getString(4)),
					blank(rs.getString(3), "")))
			.list();
		List<Item> received = jdbc.sql("""
				SELECT occurred_on, prospect_name, prospect_company FROM partner_referral
				WHERE partner_email = ? AND occurred_on BETWEEN ? AND ? ORDER BY occurred_on, id""")
			.params(partner, from, to)
			.query((rs, n) -> new Item(rs.getObject(1, LocalDate.class), blank(rs.getString(2), ""),
					rs.getString(3)))
			.list();
		return new Balance(made, received);
	}

	private static String blank(String value, String fallback) {
		return (value == null || value.isBlank()) ? (fallback == null ? "" : fallback) : value;
	}

}
