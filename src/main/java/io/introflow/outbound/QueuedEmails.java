package io.introflow.outbound;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues the emails of a whole chunk in the outbox: their MIME is composed (and checked)
 * before anything is written, then rows and MIME go in two JDBC batches, inside the
 * caller's transaction. The unique step key still makes a second enqueue of the same step
 * fail, so a chunk done twice can never queue a step twice.
 */
@Component
public class QueuedEmails {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final MimeComposer composer;

	private final Clock clock;

	QueuedEmails(JdbcClient jdbc, JdbcTemplate batch, MimeComposer composer, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.composer = composer;
		this.clock = clock;
	}

	/** An email ready to be queued: composed and checked, not yet written. */
	public record Ready(long introductionId, String stepKey, OutgoingEmail email, byte[] mime) {
	}

	/**
	 * Composes the exact MIME of one email; an unsafe email fails here, before its chunk
	 * writes anything.
	 * @throws UnsafeEmailException when a header value or an address is unsafe
	 */
	public Ready compose(long introductionId, String stepKey, OutgoingEmail email) {
		return new Ready(introductionId, stepKey, email, composer.compose(email));
	}

	/**
	 * Queues the emails in two batches. @return the outbox id of each email, by its
	 * Message-ID
	 */
	public Map<String, Long> enqueueAll(List<Ready> emails) {
		Map<String, Long> ids = new HashMap<>();
		if (emails.isEmpty()) {
			return ids;
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		batch.batchUpdate("""
				INSERT INTO outbound_email (introduction_id, step_key, message_id, recipient, sender, subject,
				  state, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?)""",
				emails.stream()
					.map(e -> new Object[] { e.introductionId(), e.stepKey(), e.email().messageId(),
							e.email().toAddress(), e.email().fromAddress(), e.email().subject(), now })
					.toList());
		jdbc.sql("SELECT id, message_id FROM outbound_email WHERE message_id IN (:ids)")
			.param("ids", emails.stream().map(e -> e.email().messageId()).toList())
			.query((ResultSet rs) -> {
				ids.put(rs.getString(2), rs.getLong(1));
			});
		batch.batchUpdate("INSERT INTO outbound_mime (outbound_id, mime) VALUES (?, ?)",
				emails.stream().map(e -> new Object[] { ids.get(e.email().messageId()), e.mime() }).toList());
		return ids;
	}

}
