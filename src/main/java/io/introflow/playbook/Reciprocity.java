package io.introflow.playbook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Partner reciprocity: the introductions a partner made for the firm (their introductions
 * that were made), and those the firm made for them (the partner-referrals file).
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

		public Map<String, Object> toModel() {
			return Map.of("date", on.toString(), "name", name, "company", company);
		}

	}

	/** The two sides for one partner over a period. */
	public record Balance(List<Item> made, List<Item> received) {
	}

	/**
	 * Stores referrals not yet stored; a row for an address that is no partner is
	 * rejected.
	 */
	public ImportCounts insertAllOnce(List<PartnerReferral> chunk, Consumer<RowError> reject) {
		Map<String, PartnerReferral> byKey = new LinkedHashMap<>();
		for (PartnerReferral r : chunk) {
			boolean partner = contacts.find(r.partnerEmail())
				.map(c -> c.relationship().equals("partner"))
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
			jdbc.sql(
					"SELECT partner_email, prospect_company, occurred_on FROM partner_referral WHERE partner_email IN (:p)")
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
			.query((rs, n) -> new Item(rs.getObject(1, LocalDate.class), blank(rs.getString(2), ""), rs.getString(3)))
			.list();
		return new Balance(made, received);
	}

	/** One partner's reciprocity month by month. */
	public record PartnerMonths(String email, String name, String company, List<Month> months) {

		public int made() {
			return months.stream().mapToInt(Month::made).sum();
		}

		public int received() {
			return months.stream().mapToInt(Month::received).sum();
		}

	}

	/**
	 * @param made introductions the partner made for the firm that month (first moved to
	 * INTRODUCED then)
	 * @param received introductions the firm made for the partner that month (the
	 * partner-referrals file)
	 */
	public record Month(YearMonth month, int made, int received) {
	}

	/**
	 * Every partner's made and received per month from {@code from}'s month to
	 * {@code to}'s, counted as {@link #between} counts them, in two queries for all
	 * partners; partners by email.
	 */
	public List<PartnerMonths> monthly(LocalDate from, LocalDate to) {
		LocalDate first = from.withDayOfMonth(1);
		LocalDate last = YearMonth.from(to).atEndOfMonth();
		Map<String, Map<YearMonth, int[]>> counts = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT referrer_email, EXTRACT(YEAR FROM made_on) * 100 + EXTRACT(MONTH FROM made_on) AS ym, COUNT(*)
				FROM (SELECT i.referrer_email, MIN(e.occurred_on) AS made_on FROM introduction i
				  JOIN contact c ON c.email = i.referrer_email AND c.relationship = 'partner'
				  JOIN intro_event e ON e.introduction_id = i.id AND e.type = 'TRANSITION' AND e.to_state = 'INTRODUCED'
				  WHERE i.state IN """ + MADE + """
				 GROUP BY i.id, i.referrer_email) x
				WHERE made_on BETWEEN :first AND :last
				GROUP BY referrer_email, EXTRACT(YEAR FROM made_on) * 100 + EXTRACT(MONTH FROM made_on)""")
			.param("first", first)
			.param("last", last)
			.query((ResultSet rs) -> {
				monthOf(counts, rs)[0] += rs.getInt(3);
			});
		jdbc.sql("""
				SELECT partner_email, EXTRACT(YEAR FROM occurred_on) * 100 + EXTRACT(MONTH FROM occurred_on) AS ym,
				  COUNT(*)
				FROM partner_referral WHERE occurred_on BETWEEN :first AND :last
				GROUP BY partner_email, EXTRACT(YEAR FROM occurred_on) * 100 + EXTRACT(MONTH FROM occurred_on)""")
			.param("first", first)
			.param("last", last)
			.query((ResultSet rs) -> {
				monthOf(counts, rs)[1] += rs.getInt(3);
			});
		List<YearMonth> months = new ArrayList<>();
		for (YearMonth m = YearMonth.from(first); !m.isAfter(YearMonth.from(last)); m = m.plusMonths(1)) {
			months.add(m);
		}
		return jdbc.sql("SELECT email, name, company FROM contact WHERE relationship = 'partner' ORDER BY email")
			.query((rs, n) -> {
				Map<YearMonth, int[]> theirs = counts.getOrDefault(rs.getString(1), Map.of());
				List<Month> row = months.stream().map(m -> {
					int[] c = theirs.getOrDefault(m, new int[2]);
					return new Month(m, c[0], c[1]);
				}).toList();
				return new PartnerMonths(rs.getString(1), rs.getString(2), blank(rs.getString(3), ""), row);
			})
			.list();
	}

	private static int[] monthOf(Map<String, Map<YearMonth, int[]>> counts, ResultSet rs) throws SQLException {
		int yyyymm = (int) Math.round(Double.parseDouble(rs.getString(2)));
		return counts.computeIfAbsent(rs.getString(1), p -> new HashMap<>())
			.computeIfAbsent(YearMonth.of(yyyymm / 100, yyyymm % 100), m -> new int[2]);
	}

	private static String blank(String value, String fallback) {
		return (value == null || value.isBlank()) ? (fallback == null ? "" : fallback) : value;
	}

}
