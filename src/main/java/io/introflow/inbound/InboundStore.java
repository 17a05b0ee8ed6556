package io.introflow.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.introflow.Tx;

/**
 * Every inbound message, stored raw before anything interprets it, once per content: the
 * key is the SHA-256 of the message without its trace headers ({@link TraceFreeDigest}),
 * so the copies of one reply that reached two of our addresses are one message, and two
 * messages that share a Message-ID are two. Raw bytes go to and come from the database as
 * streams, never whole in memory.
 */
@Repository
public class InboundStore {

	private static final Logger log = LoggerFactory.getLogger(InboundStore.class);

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Clock clock;

	private final Tx tx;

	InboundStore(JdbcClient jdbc, JdbcTemplate template, Clock clock, Tx tx) {
		this.jdbc = jdbc;
		this.template = template;
		this.clock = clock;
		this.tx = tx;
	}

	/**
	 * Reads headers written in raw UTF-8 (RFC 6532, and mail programs that never encoded
	 * them) as UTF-8.
	 */
	static Properties readingProperties() {
		Properties p = new Properties();
		p.put("mail.mime.allowutf8", "true");
		return p;
	}

	/**
	 * Stores the message in a file: read once for its key, and once more, streamed, into
	 * the database.
	 * @return true when the message was new; a message seen before is not stored again
	 */
	public boolean store(Path raw, String source) {
		TraceFreeDigest digest;
		try (InputStream in = Files.newInputStream(raw)) {
			digest = TraceFreeDigest.of(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the message " + raw, ex);
		}
		String key = digest.key();
		String messageId = digest.messageId();
		return tx.inNew(() -> {
			int seen = jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE message_key = ?")
				.param(key)
				.query(Integer.class)
				.single();
			if (seen > 0 || storedBeforeKeyedByContent(messageId, key)) {
				return false;
			}
			insert(raw, digest.size(), key, messageId, source);
			return true;
		});
	}

	/**
	 * Messages stored before version 10 are keyed by their Message-ID: a new copy of one
	 * of them is recognised by hashing the few stored under the same Message-ID.
	 */
	private boolean storedBeforeKeyedByContent(String messageId, String key) {
		if (messageId == null) {
			return false;
		}
		List<Long> legacy = jdbc
			.sql("SELECT id FROM inbound_message WHERE message_id = ? AND message_key NOT LIKE 'sha256:%'")
			.param(messageId)
			.query(Long.class)
			.list();
		for (long id : legacy) {
			boolean same = Boolean.TRUE.equals(template.query("SELECT raw FROM inbound_message WHERE id = ?", rs -> {
				if (!rs.next()) {
					return false;
				}
				try (InputStream in = rs.getBinaryStream(1)) {
					return TraceFreeDigest.of(in).key().equals(key);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, id));
			if (same) {
				return true;
			}
		}
		return false;
	}

	private void insert(Path raw, long size, String key, String messageId, String source) {
		try (InputStream in = Files.newInputStream(raw)) {
			template.update(connection -> {
				PreparedStatement insert = connection.prepareStatement("INSERT INTO inbound_message "
						+ "(message_key, message_id, raw, raw_size, source, received_at) VALUES (?, ?, ?, ?, ?, ?)");
				insert.setString(1, key);
				insert.setString(2, messageId);
				insert.setBinaryStream(3, in, size); // the driver streams the file into
														// the BLOB / bytea
				insert.setLong(4, size);
				insert.setString(5, truncate(source, 400));
				insert.setObject(6, OffsetDateTime.now(clock));
				return insert;
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the message " + raw, ex);
		}
	}

	/** A stored message waiting to be interpreted, and its size in bytes. */
	record Waiting(long id, long size) {
	}

	/**
	 * The next few messages waiting to be interpreted, after {@code afterId}: ids only,
	 * never their bytes.
	 */
	List<Waiting> waiting(long afterId, int page) {
		return jdbc
			.sql("SELECT id, raw_size FROM inbound_message WHERE processed_at IS NULL AND id > ? ORDER BY id "
					+ "FETCH FIRST " + page + " ROWS ONLY")
			.param(afterId)
			.query((rs, n) -> new Waiting(rs.getLong(1), rs.getLong(2)))
			.list();
	}

	/**
	 * A stored message copied to a temporary file for reading; the file is deleted on
	 * close.
	 */
	record Spooled(Path path) implements AutoCloseable {

		@Override
		public void close() {
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException ex) {
				log.warn("cannot delete the temporary file {}: {}", path, ex.getMessage());
			}
		}

	}

	/**
	 * Copies one stored message into a temporary file, streamed, never whole in the heap.
	 * @throws IOException when no temporary file can be made
	 */
	Spooled spool(long id) throws IOException {
		Spooled spooled = new Spooled(Files.createTempFile("introflow-inbound-" + id + "-", ".eml"));
		try {
			copyRaw(id, spooled.path());
			return spooled;
		}
		catch (RuntimeException ex) {
			spooled.close();
			throw ex;
		}
	}

	/** Streams one stored message into a file. */
	private void copyRaw(long id, Path target) {
		tx.runInNew(() -> template.query("SELECT raw FROM inbound_message WHERE id = ?", rs -> {
			if (!rs.next()) {
				throw new IllegalStateException("inbound message " + id + " is not stored");
			}
			try (InputStream in = rs.getBinaryStream(1)) {
				Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot copy inbound message " + id + " to " + target, ex);
			}
			return null;
		}, id));
	}

	/** An earlier inbound message that was matched to an introduction. */
	public record Matched(String messageId, long introductionId, String classification) {
	}

	/**
	 * The latest message stored under one of these Message-IDs that was matched to an
	 * introduction.
	 */
	Optional<Matched> matchedAmong(List<String> messageIds) {
		if (messageIds.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT message_id, introduction_id, classification FROM inbound_message "
				+ "WHERE message_id IN (:ids) AND introduction_id IS NOT NULL ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
			.param("ids", messageIds)
			.query((rs, n) -> new Matched(rs.getString(1), rs.getLong(2), rs.getString(3)))
			.optional();
	}

	/** A message that was stored but could not be read. */
	public record Unreadable(long id, String source, String evidence) {
	}

	/** Every stored message that could not be read, for the report. */
	public List<Unreadable> unreadable() {
		return jdbc
			.sql("SELECT id, source, evidence FROM inbound_message WHERE classification = 'UNREADABLE' ORDER BY id")
			.query((rs, n) -> new Unreadable(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/**
	 * Classified messages per class ({@code AGREED}, {@code BOUNCE}...), every class
	 * present (zeros included), for {@code serve}'s metrics.
	 */
	public Map<Classification.Kind, Integer> countsByClassification() {
		Map<Classification.Kind, Integer> counts = new EnumMap<>(Classification.Kind.class);
		for (Classification.Kind kind : Classification.Kind.values()) {
			counts.put(kind, 0);
		}
		jdbc.sql("SELECT classification, COUNT(*) FROM inbound_message WHERE classification IS NOT NULL "
				+ "GROUP BY classification")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
			.list()
			.forEach(row -> {
				for (Classification.Kind kind : Classification.Kind.values()) {
					if (kind.name().equals(row.getKey())) {
						counts.put(kind, row.getValue());
					}
				}
			});
		return counts;
	}

	/** Stored messages not yet classified. */
	public int countUnprocessed() {
		return jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE processed_at IS NULL")
			.query(Integer.class)
			.single();
	}

	public void markProcessed(long id, String sender, String subject, String classification, String evidence,
			Long introductionId) {
		markProcessed(id, sender, subject, classification, evidence, introductionId, null, null, false);
	}

	/**
	 * Records what a message was read as and what was done about it.
	 * @param owesForward the owner is to hear of it: the forward is queued by
	 * {@link #forwardsOwed} and its users
	 */
	void markProcessed(long id, String sender, String subject, String classification, String evidence,
			Long introductionId, String intents, String handling, boolean owesForward) {
		jdbc.sql("""
				UPDATE inbound_message SET sender = ?, subject = ?, classification = ?, evidence = ?,
				  introduction_id = ?, processed_at = ?, intents = ?, handling = ?, forward_state = ? WHERE id = ?""")
			.params(truncate(sender, 320), truncate(subject, 1000), classification, truncate(evidence, 2000),
					introductionId, OffsetDateTime.now(clock), (intents == null || intents.isEmpty()) ? null : intents,
					truncate(handling, 2000), owesForward ? "OWED" : null, id)
			.update();
	}

	/**
	 * A stored message as a person sees it: how it was read and the introduction it was
	 * matched to.
	 */
	public record Stored(long id, String sender, String subject, String classification, String evidence,
			Long introductionId, boolean processed) {
	}

	public Optional<Stored> find(long id) {
		return jdbc.sql("""
				SELECT id, sender, subject, classification, evidence, introduction_id, processed_at FROM inbound_message
				WHERE id = ?""")
			.param(id)
			.query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getObject(6, Long.class), rs.getObject(7) != null))
			.optional();
	}

	/**
	 * A person changed the class: the new one is stored, the old one stays in the
	 * evidence.
	 */
	public void reclassified(long id, String classification, String why) {
		Stored before = find(id).orElseThrow();
		String evidence = why + (before.evidence() != null ? "; before: " + before.evidence() : "");
		jdbc.sql("UPDATE inbound_message SET classification = ?, evidence = ? WHERE id = ?")
			.params(classification, truncate(evidence, 2000), id)
			.update();
	}

	/**
	 * The longest visible text stored with a message
	 * ({@code inbound_message.visible_text}).
	 */
	static final int MAX_VISIBLE_TEXT = 4000;

	/**
	 * Stores what the person wrote in the message (quotes and signature removed), cut to
	 * its column.
	 */
	void recordVisibleText(long id, String text) {
		jdbc.sql("UPDATE inbound_message SET visible_text = ? WHERE id = ?")
			.params(truncate(text, MAX_VISIBLE_TEXT), id)
			.update();
	}

	/** A message matched to an introduction, as {@code status --intro} lists it. */
	public record Received(long id, OffsetDateTime receivedAt, String sender, String classification,
			String visibleText) {
	}

	/** The messages matched to an introduction, oldest first. */
	public List<Received> ofIntroduction(long introductionId) {
		return jdbc
			.sql("SELECT id, received_at, sender, classification, visible_text FROM inbound_message "
					+ "WHERE introduction_id = ? ORDER BY id")
			.param(introductionId)
			.query((rs, n) -> new Received(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
					rs.getString(4), rs.getString(5)))
			.list();
	}

	/** A processed message whose owner has not yet been sent its forward. */
	record OwedForward(long id, String sender, String subject, String classification, String evidence, String intents,
			String handling, Long introductionId) {
	}

	/**
	 * Every processed message still owing its forward to the owner, oldest first (new
	 * ones and earlier failures).
	 */
	List<OwedForward> forwardsOwed() {
		return jdbc.sql("""
				SELECT id, sender, subject, classification, evidence, intents, handling, introduction_id
				FROM inbound_message WHERE forward_state = 'OWED' ORDER BY id""")
			.query((rs, n) -> new OwedForward(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, Long.class)))
			.list();
	}

	/**
	 * The forward is queued, or cannot be (no owner known: {@code NO_OWNER}); the
	 * classification stays as it is.
	 */
	void forwardDone(long id, String state, Long outboundId, String note) {
		jdbc.sql(
				"UPDATE inbound_message SET forward_state = ?, forwarded_outbound_id = ?, forward_error = ? WHERE id = ?")
			.params(state, outboundId, truncate(note, 1000), id)
			.update();
	}

	/** The forward could not be queued this time: it stays owed, with the reason. */
	void forwardFailed(long id, String error) {
		jdbc.sql("UPDATE inbound_message SET forward_error = ? WHERE id = ?")
			.params(truncate(error, 1000), id)
			.update();
	}

	/**
	 * Text from a message or an error, cut to its column; NUL, which PostgreSQL refuses
	 * in text, is dropped.
	 */
	private static String truncate(String s, int max) {
		if (s == null) {
			return null;
		}
		String clean = s.replace("\u0000", "");
		return (clean.length() <= max) ? clean : clean.substring(0, max);
	}

}
