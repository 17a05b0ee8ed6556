package io.introflow.outbound;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.introflow.Tx;

/**
 * The outbox: one row per (introduction, step key) holding the exact MIME to send. Rows
 * move {@code QUEUED -> SENDING -> SENT | FAILED}, each move in its own short
 * transaction.
 */
@Repository
public class Outbox {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MimeComposer composer;

	private final Tx tx;

	private final JdbcTemplate batch;

	Outbox(JdbcClient jdbc, JdbcTemplate batch, Clock clock, MimeComposer composer, Tx tx) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.clock = clock;
		this.composer = composer;
		this.tx = tx;
	}

	/** A row of the outbox, without its MIME. */
	public record Row(long id, long introductionId, String stepKey, String messageId, String recipient, String state,
			int attempts, String lastError, String sender, String timeZone) {
	}

	/**
	 * An email of an introduction that was delivered: what a later email can follow in
	 * its thread.
	 */
	public record Sent(String stepKey, String messageId, String subject) {
	}

	/**
	 * The emails of an introduction that were delivered ({@code SENT}), in the order they
	 * were composed; a queued, failed or in-doubt email is not among them.
	 */
	public List<Sent> sent(long introductionId) {
		return jdbc
			.sql("SELECT step_key, message_id, subject FROM outbound_email WHERE introduction_id = ? "
					+ "AND state = 'SENT' ORDER BY id")
			.param(introductionId)
			.query((rs, n) -> new Sent(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	public boolean exists(long introductionId, String stepKey) {
		return jdbc.sql("SELECT COUNT(*) FROM outbound_email WHERE introduction_id = ? AND step_key = ?")
			.params(introductionId, stepKey)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Composes and queues one step. The unique step key makes a second enqueue of the
	 * same step fail.
	 * @param introductionId null for mail that belongs to no introduction (an unmatched
	 * reply forwarded to a person)
	 */
	public long enqueue(Long introductionId, String stepKey, OutgoingEmail email) {
		byte[] mime = composer.compose(email);
		jdbc.sql("""
				INSERT INTO outbound_email (introduction_id, step_key, message_id, recipient, sender, subject,
				  state, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?)""")
			.params(introductionId, stepKey, email.messageId(), email.toAddress(), email.fromAddress(), email.subject(),
					OffsetDateTime.now(clock))
			.update();
		long id = jdbc.sql("SELECT id FROM outbound_email WHERE message_id = ?")
			.param(email.messageId())
			.query(Long.class)
			.single();
		jdbc.sql("INSERT INTO outbound_mime (outbound_id, mime) VALUES (?, ?)").params(id, mime).update();
		return id;
	}

	/**
	 * Queued rows due for an attempt, oldest first, after the given id (so one pass never
	 * sees a row twice).
	 */
	List<Row> queued(int limit, long afterId) {
		return jdbc
			.sql(SELECT + " WHERE o.state = 'QUEUED' AND o.id > ? AND (o.next_attempt_at IS NULL OR "
					+ "o.next_attempt_at <= ?) ORDER BY o.id FETCH FIRST " + limit + " ROWS ONLY")
			.params(afterId, OffsetDateTime.now(clock))
			.query(Outbox::row)
			.list();
	}

	/** Every queued row, for a dry run. */
	public List<Row> allQueued() {
		return jdbc.sql(SELECT + " WHERE o.state = 'QUEUED' ORDER BY o.id").query(Outbox::row).list();
	}

	/** When each queued row that failed before may be tried again. */
	Map<Long, OffsetDateTime> retries() {
		Map<Long, OffsetDateTime> retries = new HashMap<>();
		jdbc.sql(
				"SELECT id, next_attempt_at FROM outbound_email WHERE state = 'QUEUED' AND next_attempt_at IS NOT NULL")
			.query((ResultSet rs) -> {
				retries.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class));
			});
		return retries;
	}

	/** Messages each sender has had sent since the start of today (UTC). */
	Map<String, Integer> sentTodayBySender() {
		OffsetDateTime midnight = OffsetDateTime.now(clock)
			.withOffsetSameInstant(ZoneOffset.UTC)
			.toLocalDate()
			.atStartOfDay()
			.atOffset(ZoneOffset.UTC);
		Map<String, Integer> counts = new HashMap<>();
		jdbc.sql("SELECT sender, COUNT(*) FROM outbound_email WHERE state = 'SENT' AND sent_at >= ? GROUP BY sender")
			.param(midnight)
			.query((ResultSet rs) -> {
				counts.put(rs.getString(1), rs.getInt(2));
			});
		return counts;
	}

	/**
	 * Rows left {@code SENDING}: by a run that stopped abruptly, or because the server
	 * gave no answer after a message's final {@code .}. Delivered or not, nobody knows. A
	 * row a running worker is sending now (on PostgreSQL: {@code claimed_by} names it) is
	 * not among them.
	 */
	public List<Row> inDoubt() {
		return jdbc.sql(SELECT + " WHERE o.state = 'SENDING' AND o.claimed_by IS NULL ORDER BY o.id")
			.query(Outbox::row)
			.list();
	}

	public List<Row> failed() {
		return jdbc.sql(SELECT + " WHERE o.state = 'FAILED' ORDER BY o.id").query(Outbox::row).list();
	}

	/**
	 * Rows that failed at or after {@code since}: the failures of one run, so that each
	 * is reported once, in the night it happened. A row failed before failures were timed
	 * has no time and is not listed.
	 */
	public List<Row> failedSince(OffsetDateTime since) {
		return jdbc.sql(SELECT + " WHERE o.state = 'FAILED' AND o.failed_at >= ? ORDER BY o.id")
			.param(since)
			.query(Outbox::row)
			.list();
	}

	public Optional<Row> find(long introductionId, String stepKey) {
		return jdbc.sql(SELECT + " WHERE o.introduction_id = ? AND o.step_key = ?")
			.params(introductionId, stepKey)
			.query(Outbox::row)
			.optional();
	}

	private static final String SELECT = """
			SELECT o.id, o.introduction_id, o.step_key, o.message_id, o.recipient, o.state, o.attempts, o.last_error,
			  o.sender, c.time_zone
			FROM outbound_email o LEFT JOIN contact c ON c.email = o.recipient""";

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
				rs.getInt(7), rs.getString(8), rs.getString(9), rs.getString(10));
	}

	public byte[] mime(long id) {
		return jdbc.sql("SELECT mime FROM outbound_mime WHERE outbound_id = ?").param(id).query(byte[].class).single();
	}

	/** The MIME of several rows in one query. */
	Map<Long, byte[]> mimes(Collection<Long> ids) {
		Map<Long, byte[]> mimes = new HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql("SELECT outbound_id, mime FROM outbound_mime WHERE outbound_id IN (:ids)")
				.param("ids", ids)
				.query((ResultSet rs) -> {
					mimes.put(rs.getLong(1), rs.getBytes(2));
				});
		}
		return mimes;
	}

	/**
	 * Settles the rows a stopped run left {@code SENDING}, by what its send journal says:
	 * delivered ones become {@code SENT}, ones that were claimed but never handed to the
	 * server are queued again. The others stay in doubt.
	 * @return how many rows were settled
	 */
	int recover(Map<Long, SendJournal.Fate> fates) {
		List<Long> delivered = new ArrayList<>();
		List<Long> untouched = new ArrayList<>();
		for (Row row : inDoubt()) {
			SendJournal.Fate fate = fates.get(row.id());
			if (fate == SendJournal.Fate.DELIVERED) {
				delivered.add(row.id());
			}
			else if (fate == SendJournal.Fate.CLAIMED) {
				untouched.add(row.id());
			}
		}
		return tx.inNew(() -> {
			OffsetDateTime now = OffsetDateTime.now(clock);
			batch.batchUpdate(
					"UPDATE outbound_email SET state = 'SENT', sent_at = ?, last_error = NULL "
							+ "WHERE id = ? AND state = 'SENDING'",
					delivered.stream().map(id -> new Object[] { now, id }).toList());
			batch.batchUpdate(RELEASE, untouched.stream().map(id -> new Object[] { id }).toList());
			return delivered.size() + untouched.size();
		});
	}

	private static final String RELEASE = "UPDATE outbound_email SET state = 'QUEUED', attempts = attempts - 1 "
			+ "WHERE id = ? AND state = 'SENDING'";

	/** Gives back a claimed row that was never handed to the server. */
	void release(long id) {
		tx.runInNew(() -> jdbc.sql(RELEASE).param(id).update());
	}

	/** Fails a queued row without claiming it (its recipient is suppressed). */
	boolean failQueued(long id, String error) {
		return tx
			.inNew(() -> jdbc
				.sql("UPDATE outbound_email SET state = 'FAILED', last_error = ?, failed_at = ? "
						+ "WHERE id = ? AND state = 'QUEUED'")
				.params(error, OffsetDateTime.now(clock), id)
				.update() == 1);
	}

	/**
	 * Marks delivered rows {@code SENT} and claims others ({@code SENDING}) for several
	 * connections in one transaction: a group commit. A claim is committed before its
	 * message is handed to the server.
	 * @param sentIds rows delivered since their claim
	 * @param claimIds rows to claim
	 * @param workerId on PostgreSQL, the worker claiming them (see {@link SendWorkers});
	 * null on H2
	 * @return the rows claimed here; a row someone else claimed first is absent
	 */
	Set<Long> markSentAndClaimAll(List<Long> sentIds, List<Long> claimIds, Long workerId) {
		return tx.inNew(() -> {
			OffsetDateTime now = OffsetDateTime.now(clock);
			if (!sentIds.isEmpty()) {
				batch.batchUpdate(
						"UPDATE outbound_email SET state = 'SENT', sent_at = ?, last_error = NULL WHERE id = ?",
						sentIds.stream().map(id -> new Object[] { now, id }).toList());
				if (workerId != null) {
					batch.batchUpdate("DELETE FROM send_journal WHERE outbound_id = ?",
							sentIds.stream().map(id -> new Object[] { id }).toList());
				}
			}
			if (workerId != null) {
				return claimSkippingLocked(claimIds, workerId);
			}
			Set<Long> claimed = new HashSet<>();
			if (!claimIds.isEmpty()) {
				int[] counts = batch.batchUpdate(
						"UPDATE outbound_email SET state = 'SENDING', attempts = attempts + 1 "
								+ "WHERE id = ? AND state = 'QUEUED'",
						claimIds.stream().map(id -> new Object[] { id }).toList());
				for (int i = 0; i < counts.length; i++) {
					if (counts[i] == 1) {
						claimed.add(claimIds.get(i));
					}
				}
			}
			return claimed;
		});
	}

	/**
	 * Claims for one worker of several (PostgreSQL): rows another worker holds locked are
	 * skipped, not waited for.
	 */
	private Set<Long> claimSkippingLocked(List<Long> claimIds, long workerId) {
		if (claimIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				UPDATE outbound_email SET state = 'SENDING', attempts = attempts + 1, claimed_by = :worker
				WHERE id IN (SELECT id FROM outbound_email WHERE id IN (:ids) AND state = 'QUEUED'
				  FOR UPDATE SKIP LOCKED)
				RETURNING id""").param("worker", workerId).param("ids", claimIds).query(Long.class).list());
	}

	/**
	 * A person's decision about a row left in doubt (by a crash, or by no answer after
	 * its final {@code .}): it was delivered ({@code SENT}), or it was not and is queued
	 * again.
	 * @return false when the row is not in doubt (unknown, or not {@code SENDING})
	 */
	public boolean resolveInDoubt(long id, boolean delivered) {
		return tx.inNew(() -> (delivered
				? jdbc
					.sql("UPDATE outbound_email SET state = 'SENT', sent_at = ?, last_error = 'marked sent by hand' "
							+ "WHERE id = ? AND state = 'SENDING'")
					.params(OffsetDateTime.now(clock), id)
				: jdbc
					.sql("UPDATE outbound_email SET state = 'QUEUED', next_attempt_at = NULL, last_error = "
							+ "'queued again by hand' WHERE id = ? AND state = 'SENDING'")
					.param(id))
			.update() == 1);
	}

	void markFailed(long id, String error) {
		tx.runInNew(
				() -> jdbc.sql("UPDATE outbound_email SET state = 'FAILED', last_error = ?, failed_at = ? WHERE id = ?")
					.params(truncate(error), OffsetDateTime.now(clock), id)
					.update());
	}

	/**
	 * Puts a row back for a later attempt after a temporary failure that certainly
	 * delivered nothing.
	 */
	void requeue(long id, String error, OffsetDateTime notBefore) {
		tx.runInNew(() -> jdbc
			.sql("UPDATE outbound_email SET state = 'QUEUED', last_error = ?, next_attempt_at = ? WHERE id = ?")
			.params(truncate(error), notBefore, id)
			.update());
	}

	/**
	 * Puts back a claimed row that was never handed over because the relay did not
	 * answer: the attempt does not count, and the row waits for {@code notBefore} (or the
	 * next run).
	 */
	void postpone(long id, String error, OffsetDateTime notBefore) {
		tx.runInNew(() -> jdbc
			.sql("UPDATE outbound_email SET state = 'QUEUED', attempts = attempts - 1, "
					+ "last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'SENDING'")
			.params(truncate(error), notBefore, id)
			.update());
	}

	/** Leaves a row {@code SENDING}, in doubt, saying why; only a person settles it. */
	void markInDoubt(long id, String error) {
		tx.runInNew(() -> jdbc
			.sql("UPDATE outbound_email SET last_error = ?, claimed_by = NULL WHERE id = ? AND state = 'SENDING'")
			.params(truncate(error), id)
			.update());
	}

	/**
	 * Rows per state ({@code QUEUED}, {@code SENDING}, {@code SENT}, {@code FAILED}),
	 * every state present (zeros included), for {@code serve}'s metrics.
	 */
	public Map<String, Integer> countsByState() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String state : List.of("QUEUED", "SENDING", "SENT", "FAILED")) {
			counts.put(state, 0);
		}
		jdbc.sql("SELECT state, COUNT(*) FROM outbound_email GROUP BY state")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2)))
			.list();
		return counts;
	}

	/** Queued rows, due or not. */
	int countQueued() {
		return jdbc.sql("SELECT COUNT(*) FROM outbound_email WHERE state = 'QUEUED'").query(Integer.class).single();
	}

	private static String truncate(String s) {
		return (s == null || s.length() <= 2000) ? s : s.substring(0, 2000);
	}

}
