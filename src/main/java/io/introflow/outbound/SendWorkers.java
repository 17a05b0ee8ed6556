package io.introflow.outbound;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowException;
import io.introflow.Tx;

/**
 * The relays that send from one PostgreSQL at the same time ({@code send --worker} on
 * several hosts, the nightly run, {@code send}). Each registers in {@code send_worker}
 * and holds a session advisory lock on its id for as long as it sends; PostgreSQL
 * releases the lock when the worker's connection ends, however the worker ended (killed,
 * host gone once TCP keepalive notices). A worker whose lock is free has stopped: any
 * other worker settles the rows it left {@code SENDING} from its journal in the database
 * (delivered: {@code SENT}; never handed over: queued again; handed over: in doubt). On
 * H2 one process sends, as before: {@link #shared()} is false.
 */
@Component
public class SendWorkers {

	private static final Logger log = LoggerFactory.getLogger(SendWorkers.class);

	/** The first key of the workers' advisory locks (the second is the worker's id). */
	static final int LOCK_SPACE = 720_18;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final Tx tx;

	private final Clock clock;

	private volatile Boolean shared;

	SendWorkers(DataSource dataSource, JdbcClient jdbc, Tx tx, Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * Whether several processes may send from this database (PostgreSQL) or only one
	 * (H2).
	 */
	public boolean shared() {
		if (shared == null) {
			try (Connection c = dataSource.getConnection()) {
				shared = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
			}
			catch (SQLException ex) {
				throw new IntroflowException("cannot read which database this is: " + ex.getMessage(), ex);
			}
		}
		return shared;
	}

	/** Registers a worker, holding its lock until the lease is closed. */
	Lease register(String what) {
		String name = what + " on " + host() + ", process " + ProcessHandle.current().pid();
		try {
			Connection session = dataSource.getConnection();
			try {
				// the row becomes visible with the lock already held: nobody can take a
				// new worker for a stopped one
				session.setAutoCommit(false);
				long id;
				try (PreparedStatement insert = session
					.prepareStatement("INSERT INTO send_worker (name, started_at) VALUES (?, ?) RETURNING id")) {
					insert.setString(1, name);
					insert.setObject(2, OffsetDateTime.now(clock));
					try (ResultSet rs = insert.executeQuery()) {
						rs.next();
						id = rs.getLong(1);
					}
				}
				lock(session, "SELECT pg_advisory_lock(?, ?)", id);
				session.commit();
				session.setAutoCommit(true);
				return new Lease(id, name, session);
			}
			catch (SQLException | RuntimeException ex) {
				session.close();
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new IntroflowException("cannot register send worker " + name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Settles the rows of every worker that stopped without finishing (its lock is free).
	 * @return how many rows were settled (sent, queued again, or left in doubt)
	 */
	int settleStopped() {
		int settled = 0;
		for (Long id : jdbc.sql("SELECT id FROM send_worker ORDER BY id").query(Long.class).list()) {
			settled += settle(id);
		}
		return settled;
	}

	private int settle(long id) {
		return tx.inNew(() -> {
			// held until this transaction ends: the worker is gone, and nobody else is
			// settling it
			if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(?, CAST(? AS INT))")
				.params(LOCK_SPACE, id)
				.query(Boolean.class)
				.single()) {
				return 0;
			}
			String name = jdbc.sql("SELECT name FROM send_worker WHERE id = ?")
				.param(id)
				.query(String.class)
				.optional()
				.orElse(null);
			if (name == null) {
				// it finished (and settled itself) meanwhile
				return 0;
			}
			int delivered = jdbc.sql("""
					UPDATE outbound_email o SET state = 'SENT', sent_at = ?, last_error = NULL
					WHERE o.state = 'SENDING' AND o.claimed_by = ? AND EXISTS (SELECT 1 FROM send_journal j
					  WHERE j.outbound_id = o.id AND j.worker_id = ? AND j.fate = 'S')""")
				.params(OffsetDateTime.now(clock), id, id)
				.update();
			int untouched = jdbc.sql("""
					UPDATE outbound_email o SET state = 'QUEUED', attempts = attempts - 1, claimed_by = NULL
					WHERE o.state = 'SENDING' AND o.claimed_by = ? AND NOT EXISTS (SELECT 1 FROM send_journal j
					  WHERE j.outbound_id = o.id AND j.worker_id = ?)""").params(id, id).update();
			int inDoubt = jdbc
				.sql("UPDATE outbound_email SET claimed_by = NULL, last_error = ? "
						+ "WHERE state = 'SENDING' AND claimed_by = ?")
				.params(truncate(name + " stopped while handing it to the server; delivered or not, nobody knows"), id)
				.update();
			jdbc.sql("DELETE FROM send_journal WHERE worker_id = ?").param(id).update();
			jdbc.sql("DELETE FROM send_worker WHERE id = ?").param(id).update();
			if (delivered + untouched + inDoubt > 0) {
				log.warn("{} stopped while sending: {} of its emails were delivered, {} never handed over (queued "
						+ "again), {} in doubt (not resent)", name, delivered, untouched, inDoubt);
			}
			return delivered + untouched + inDoubt;
		});
	}

	private static void lock(Connection session, String sql, long id) throws SQLException {
		try (PreparedStatement statement = session.prepareStatement(sql)) {
			statement.setInt(1, LOCK_SPACE);
			statement.setInt(2, Math.toIntExact(id));
			statement.execute();
		}
	}

	private static String host() {
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			String jvm = ManagementFactory.getRuntimeMXBean().getName();
			host = jvm.contains("@") ? jvm.substring(jvm.indexOf('@') + 1) : "this host";
		}
		return host;
	}

	private static String truncate(String s) {
		return (s.length() <= 2000) ? s : s.substring(0, 2000);
	}

	/** A registered worker: its id and the connection that holds its lock. */
	final class Lease implements AutoCloseable {

		private final long id;

		private final String name;

		private final Connection session;

		private Lease(long id, String name, Connection session) {
			this.id = id;
			this.name = name;
			this.session = session;
		}

		long id() {
			return id;
		}

		String name() {
			return name;
		}

		/**
		 * Releases the lock, then settles whatever this worker still has {@code SENDING},
		 * as for a stopped one.
		 */
		@Override
		public void close() {
			try (session) {
				lock(session, "SELECT pg_advisory_unlock(?, ?)", id);
			}
			catch (SQLException ex) {
				// closing the connection ends the session, and the lock with it
				log.debug("closing the lease of {}: {}", name, ex.getMessage());
			}
			settle(id);
		}

	}

}
