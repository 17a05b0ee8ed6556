package io.introflow.contact;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Contacts and suppressions. Emails are keys and are always compared lower-case.
 */
@Repository
public class ContactRepository {

	private final JdbcClient jdbc;

	private final Clock clock;

	ContactRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Inserts or updates by email; importing the same row twice changes nothing but {@code updated_at}. */
	public void upsert(Contact c) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		int updated = jdbc.sql("""
				UPDATE contact SET name = ?, company = ?, relationship = ?, owner_email = ?, owner_name = ?,
				  segment = ?, locale = ?, time_zone = ?, source = ?, updated_at = ? WHERE email = ?""")
			.params(c.name(), c.company(), c.relationship(), c.ownerEmail(), c.ownerName(), c.segment(), c.locale(),
					c.timeZone(), c.source(), now, c.email())
			.update();
		if (updated == 0) {
			jdbc.sql("""
					INSERT INTO contact (email, name, company, relationship, owner_email, owner_name, segment, locale,
					  time_zone, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(c.email(), c.name(), c.company(), c.relationship(), c.ownerEmail(), c.ownerName(), c.segment(),
						c.locale(), c.timeZone(), c.source(), now, now)
				.update();
		}
	}

	public Optional<Contact> find(String email) {
		return jdbc.sql("""
				SELECT email, name, company, relationship, owner_email, owner_name, segment, locale, time_zone, source
				FROM contact WHERE email = ?""")
			.param(email.toLowerCase(java.util.Locale.ROOT))
			.query((rs, n) -> new Contact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
					rs.getString(10)))
			.optional();
	}

	public boolean isSuppressed(String email) {
		return jdbc.sql("SELECT COUNT(*) FROM suppression WHERE email = ?")
			.param(email.toLowerCase(java.util.Locale.ROOT))
			.query(Integer.class)
			.single() > 0;
	}

	public void suppress(String email, String reason, String source) {
		if (!isSuppressed(email)) {
			jdbc.sql("INSERT INTO suppression (email, reason, source, created_at) VALUES (?, ?, ?, ?)")
				.params(email.toLowerCase(java.util.Locale.ROOT), reason, source, OffsetDateTime.now(clock))
				.update();
		}
	}

}
