package io.introflow.outbound;

import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A worker's send journal in the database ({@code send_journal}, keyed by the row, naming
 * the worker), so that no worker needs a folder of its own and any other worker can
 * settle the rows of one that stopped. The claim itself is the {@code C} line (the row's
 * {@code claimed_by}); each line after it is one autocommitted statement, committed
 * before the step it records goes on.
 */
final class DatabaseSendJournal implements SendJournal {

	private final JdbcClient jdbc;

	private final long workerId;

	DatabaseSendJournal(JdbcClient jdbc, long workerId) {
		this.jdbc = jdbc;
		this.workerId = workerId;
	}

	@Override
	public void claimed(Collection<Long> ids) {
		// recorded by the claim's own commit (outbound_email.claimed_by)
	}

	@Override
	public void attempting(long id) {
		jdbc.sql("INSERT INTO send_journal (outbound_id, worker_id, fate) VALUES (?, ?, 'A') "
				+ "ON CONFLICT (outbound_id) DO UPDATE SET worker_id = EXCLUDED.worker_id, fate = 'A'")
			.params(id, workerId)
			.update();
	}

	/**
	 * Each line is a commit on the server ({@code fsync} on): a delivery and the next
	 * hand-over of the connection are one statement, so a message costs one journal
	 * commit, not two.
	 */
	@Override
	public boolean mergesDelivered() {
		return true;
	}

	@Override
	public void deliveredThenAttempting(long before, long id) {
		jdbc.sql("WITH delivered AS (UPDATE send_journal SET fate = 'S' WHERE outbound_id = ? AND worker_id = ?) "
				+ "INSERT INTO send_journal (outbound_id, worker_id, fate) VALUES (?, ?, 'A') "
				+ "ON CONFLICT (outbound_id) DO UPDATE SET worker_id = EXCLUDED.worker_id, fate = 'A'")
			.params(before, workerId, id, workerId)
			.update();
	}

	@Override
	public void delivered(long id) {
		jdbc.sql("UPDATE send_journal SET fate = 'S' WHERE outbound_id = ? AND worker_id = ?")
			.params(id, workerId)
			.update();
	}

	@Override
	public void released(long id) {
		jdbc.sql("DELETE FROM send_journal WHERE outbound_id = ? AND worker_id = ?").params(id, workerId).update();
	}

	@Override
	public void close() {
		// nothing held: the lines are rows, removed when the rows they speak of are
		// settled
	}

}
