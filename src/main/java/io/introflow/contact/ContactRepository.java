package io.introflow.contact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.introflow.intake.ImportCounts;

/**
 * Contacts and suppressions. Emails are keys and are always compared lower-case.
 */
@Repository
public class ContactRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final Clock clock;

	private final Attributes attributes = new Attributes();

	ContactRepository(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.clock = clock;
	}

	/**
	 * Inserts new contacts and rewrites changed ones, in three statements per chunk: one
	 * look-up of the chunk's addresses, one batch of inserts, one of updates. Within a
	 * chunk the last row for an address wins. A new contact is first seen on {@code day}
	 * (the run's date), which the cadence counts a relationship's age from.
	 */
	public ImportCounts upsertAll(List<Contact> chunk, LocalDate day) {
		Map<String, Contact> byEmail = new LinkedHashMap<>();
		chunk.forEach(c -> byEmail.put(c.email(), c));
		if (byEmail.isEmpty()) {
			return ImportCounts.NONE;
		}
		Map<String, String> stored = new HashMap<>();
		jdbc.sql("SELECT email, content_hash FROM contact WHERE email IN (:emails)")
			.param("emails", List.copyOf(byEmail.keySet()))
			.query((ResultSet rs) -> {
				stored.put(rs.getString(1), String.valueOf(rs.getString(2)));
			});
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> updates = new ArrayList<>();
		long unchanged = 0;
		for (Contact c : byEmail.values()) {
			String json = attributes.write(c.attributes());
			String hash = contentHash(c, json);
			if (!stored.containsKey(c.email())) {
				inserts.add(new Object[] { c.email(), c.name(), c.company(), c.relationship(), c.ownerEmail(),
						c.ownerName(), c.segment(), c.locale(), c.timeZone(), json, c.since(), c.country(), c.source(),
						hash, now, now, day });
			}
			else if (!hash.equals(stored.get(c.email()))) {
				updates.add(new Object[] { c.name(), c.company(), c.relationship(), c.ownerEmail(), c.ownerName(),
						c.segment(), c.locale(), c.timeZone(), json, c.since(), c.country(), c.source(), hash, now,
						c.email() });
			}
			else {
				unchanged++;
			}
		}
		if (!inserts.isEmpty()) {
			batch.batchUpdate(
					"""
							INSERT INTO contact (email, name, company, relationship, owner_email, owner_name, segment, locale,
							  time_zone, attributes, since, country, source, content_hash, created_at, updated_at, first_seen_on)
							VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
					inserts);
		}
		if (!updates.isEmpty()) {
			batch.batchUpdate("""
					UPDATE contact SET name = ?, company = ?, relationship = ?, owner_email = ?, owner_name = ?,
					  segment = ?, locale = ?, time_zone = ?, attributes = ?, since = ?, country = ?, source = ?,
					  content_hash = ?, updated_at = ?
					WHERE email = ?""", updates);
		}
		return new ImportCounts(inserts.size(), updates.size(), unchanged + (chunk.size() - byEmail.size()));
	}

	private static String contentHash(Contact c, String attributesJson) {
		String content = String.join("\u0000", c.name(), c.company(), c.relationship(), c.ownerEmail(), c.ownerName(),
				c.segment(), c.locale(), c.timeZone(), attributesJson, String.valueOf(c.since()),
				String.valueOf(c.country()));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	private static final String COLUMNS = """
			email, name, company, relationship, owner_email, owner_name, segment, locale, time_zone, source, attributes,
			  since, country""";

	public Optional<Contact> find(String email) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE email = ?")
			.param(email.toLowerCase(java.util.Locale.ROOT))
			.query((rs, n) -> contact(rs))
			.optional();
	}

	/**
	 * The contacts with these addresses (lower case), in one query; an unknown address is
	 * absent.
	 */
	public Map<String, Contact> findAll(java.util.Collection<String> emails) {
		Map<String, Contact> found = new HashMap<>();
		if (!emails.isEmpty()) {
			jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE email IN (:emails)")
				.param("emails", List.copyOf(emails))
				.query((ResultSet rs) -> {
					Contact c = contact(rs);
					found.put(c.email(), c);
				});
		}
		return found;
	}

	/** Which of these addresses (lower case) are suppressed, in one query. */
	public java.util.Set<String> suppressedAmong(java.util.Collection<String> emails) {
		if (emails.isEmpty()) {
			return java.util.Set.of();
		}
		return new java.util.HashSet<>(jdbc.sql("SELECT email FROM suppression WHERE email IN (:emails)")
			.param("emails", List.copyOf(emails))
			.query(String.class)
			.list());
	}

	/**
	 * Up to {@code limit} contacts whose address, name or company contains {@code text}
	 * (any case; blank matches every contact), by name; only those of {@code ownerEmail}
	 * when it is given (a rep looks among their own).
	 */
	public List<Contact> search(String text, Optional<String> ownerEmail, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE (" + MATCHES + ")"
				+ " AND (:owner = '' OR LOWER(owner_email) = :owner) ORDER BY name, email FETCH FIRST :limit ROWS ONLY")
			.param("search", like(text))
			.param("owner", ownerEmail.map(o -> o.strip().toLowerCase(java.util.Locale.ROOT)).orElse(""))
			.param("limit", limit)
			.query((rs, n) -> contact(rs))
			.list();
	}

	/**
	 * One page of the clients and partners (the contacts who may refer), by email;
	 * {@code search} (may be empty) keeps those whose email, name or company contains it,
	 * case-insensitively.
	 */
	public List<Contact> referrers(String search, int offset, int limit) {
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM contact WHERE " + REFERRER_MATCHES
					+ " ORDER BY email OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
			.param("search", like(search))
			.param("offset", offset)
			.param("limit", limit)
			.query((rs, n) -> contact(rs))
			.list();
	}

	/** How many clients and partners {@link #referrers} finds in all. */
	public int countReferrers(String search) {
		return jdbc.sql("SELECT COUNT(*) FROM contact WHERE " + REFERRER_MATCHES)
			.param("search", like(search))
			.query(Integer.class)
			.single();
	}

	/** Email, name or company contains {@code :search} (a {@link #like} pattern). */
	private static final String MATCHES = """
			LOWER(email) LIKE :search ESCAPE '\\' OR LOWER(name) LIKE :search ESCAPE '\\' \
			OR LOWER(COALESCE(company, '')) LIKE :search ESCAPE '\\'""";

	private static final String REFERRER_MATCHES = "relationship IN ('customer', 'partner') AND (" + MATCHES + ")";

	private static String like(String search) {
		String plain = (search == null) ? "" : search.strip().toLowerCase(java.util.Locale.ROOT);
		return "%" + plain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	private Contact contact(ResultSet rs) throws java.sql.SQLException {
		return new Contact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
				attributes.read(rs.getString(11)), rs.getObject(12, java.time.LocalDate.class), rs.getString(13));
	}

	/**
	 * Adds the addresses not yet suppressed; an address already suppressed keeps its
	 * first reason.
	 */
	public ImportCounts suppressAll(List<Suppression> chunk) {
		Map<String, Suppression> byEmail = new LinkedHashMap<>();
		chunk.forEach(s -> byEmail.putIfAbsent(s.email(), s));
		if (byEmail.isEmpty()) {
			return ImportCounts.NONE;
		}
		List<String> known = jdbc.sql("SELECT email FROM suppression WHERE email IN (:emails)")
			.param("emails", List.copyOf(byEmail.keySet()))
			.query(String.class)
			.list();
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<Object[]> inserts = byEmail.values()
			.stream()
			.filter(s -> !known.contains(s.email()))
			.map(s -> new Object[] { s.email(), s.reason(), s.source(), now })
			.toList();
		if (!inserts.isEmpty()) {
			batch.batchUpdate("INSERT INTO suppression (email, reason, source, created_at) VALUES (?, ?, ?, ?)",
					inserts);
		}
		return new ImportCounts(inserts.size(), 0, chunk.size() - inserts.size());
	}

	/**
	 * The domains owners send From, each with how many distinct owners have it, by
	 * domain.
	 */
	public java.util.SortedMap<String, Integer> ownerDomains() {
		java.util.SortedMap<String, Integer> domains = new java.util.TreeMap<>();
		for (String owner : jdbc.sql("SELECT DISTINCT LOWER(owner_email) FROM contact WHERE owner_email LIKE '%@%'")
			.query(String.class)
			.list()) {
			domains.merge(owner.substring(owner.lastIndexOf('@') + 1), 1, Integer::sum);
		}
		return domains;
	}

	/** Every suppressed address, for a run that checks many recipients. */
	public java.util.Set<String> suppressedAddresses() {
		return new java.util.HashSet<>(jdbc.sql("SELECT email FROM suppression").query(String.class).list());
	}

	public boolean isSuppressed(String email) {
		return jdbc.sql("SELECT COUNT(*) FROM suppression WHERE email = ?")
			.param(email.toLowerCase(java.util.Locale.ROOT))
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Suppresses an address; one already suppressed keeps its first reason.
	 * @return whether the address was suppressed now (false when it already was)
	 */
	public boolean suppress(String email, String reason, String source) {
		if (isSuppressed(email)) {
			return false;
		}
		jdbc.sql("INSERT INTO suppression (email, reason, source, created_at) VALUES (?, ?, ?, ?)")
			.params(email.toLowerCase(java.util.Locale.ROOT), reason, source, OffsetDateTime.now(clock))
			.update();
		return true;
	}

}
