package io.introflow.inbound;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.introflow.Tx;

/**
 * Every inbound message, stored raw before anything interprets it, once per Message-ID (or content hash).
 */
@Repository
public class InboundStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Tx tx;

	/** Reads headers written in raw UTF-8 (RFC 6532, and mail programs that never encoded them) as UTF-8. */
	private final Session session = Session.getInstance(InboundStore.readingProperties());

	static Properties readingProperties() {
		Properties p = new Properties();
		p.put("mail.mime.allowutf8", "true");
		return p;
	}

	InboundStore(JdbcClient jdbc, Clock clock, Tx tx) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.tx = tx;
	}

	/** A stored message waiting to be interpreted. */
	public record Stored(long id, byte[] raw) {
	}

	/** @return true when the message was new; a message seen before is not stored again */
	public boolean store(byte[] raw, String source) {
		String key = key(raw);
		return tx.inNew(() -> {
			int seen = jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE message_key = ?")
				.param(key)
				.query(Integer.class)
				.single();
			if (seen > 0) {
				return false;
			}
			jdbc.sql("INSERT INTO inbound_message (message_key, raw, source, received_at) VALUES (?, ?, ?, ?)")
				.params(key, raw, truncate(source, 400), OffsetDateTime.now(clock))
				.update();
			return true;
		});
	}

	String key(byte[] raw) {
		try {
			String id = new MimeMessage(session, new ByteArrayInputStream(raw)).getMessageID();
			if (id != null && !id.isBlank() && id.length() <= 250) {
				return id.strip();
			}
		}
		catch (MessagingException | RuntimeException ex) {
			// unparseable headers: the content hash still identifies it
		}
		return "sha256:" + sha256(raw);
	}

	private static String sha256(byte[] raw) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An earlier inbound message that was matched to an introduction. */
	public record Matched(String messageKey, long introductionId, String classification) {
	}

	/** The latest of these Message-IDs that we stored and matched to an introduction. */
	Optional<Matched> matchedAmong(List<String> messageIds) {
		if (messageIds.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT message_key, introduction_id, classification FROM inbound_message "
				+ "WHERE message_key IN (:ids) AND introduction_id IS NOT NULL ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
			.param("ids", messageIds)
			.query((rs, n) -> new Matched(rs.getString(1), rs.getLong(2), rs.getString(3)))
			.optional();
	}

	/** A message that was stored but could not be read. */
	public record Unreadable(long id, String source, String evidence) {
	}

	/** Every stored message that could not be read, for the report. */
	public List<Unreadable> unreadable() {
		return jdbc.sql("SELECT id, source, evidence FROM inbound_message WHERE classification = 'UNREADABLE' ORDER BY id")
			.query((rs, n) -> new Unreadable(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** Stored messages not yet classified. */
	public int countUnprocessed() {
		return jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE processed_at IS NULL").query(Integer.class).single();
	}

	public List<Stored> unprocessed() {
		return jdbc.sql("SELECT id, raw FROM inbound_message WHERE processed_at IS NULL ORDER BY id")
			.query((rs, n) -> new Stored(rs.getLong(1), rs.getBytes(2)))
			.list();
	}

	public void markProcessed(long id, String sender, String subject, String classification, String evidence,
			Long introductionId) {
		jdbc.sql("""
				UPDATE inbound_message SET sender = ?, subject = ?, classification = ?, evidence = ?,
				  introduction_id = ?, processed_at = ? WHERE id = ?""")
			.params(truncate(sender, 320), truncate(subject, 1000), classification, truncate(evidence, 2000),
					introductionId, OffsetDateTime.now(clock), id)
			.update();
	}

	private static String truncate(String s, int max) {
		return (s == null || s.length() <= max) ? s : s.substring(0, max);
	}

}
