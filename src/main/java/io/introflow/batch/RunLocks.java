package io.introflow.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

import io.introflow.IntroflowException;
import io.introflow.IntroflowProperties;

/**
 * The installation's run lock, where the database says it lives: on H2 the file lock of
 * {@link RunLock} (the database file is on this machine anyway); on PostgreSQL a
 * session-level advisory lock, so that the nightly run, an import, a plain {@code send}
 * and {@code replies} exclude each other on every host that shares the database, with no
 * local {@code data/} folder. PostgreSQL releases the lock when the holding session ends,
 * so a killed process leaves none behind, as the file lock does.
 * <p>
 * The holder names itself in its session's {@code application_name}; a refused process
 * reads it, with the host and the start of that session, from {@code pg_stat_activity}.
 * {@code introflow send --worker} takes no run lock.
 */
@Component
public class RunLocks {

	/**
	 * The advisory lock's key: "introflw" in ASCII, so that {@code pg_locks} shows what
	 * holds it.
	 */
	static final long KEY = 0x696e74726f666c77L;

	/** PostgreSQL keeps 63 bytes of {@code application_name}. */
	private static final int NAME_LIMIT = 63;

	private final IntroflowProperties properties;

	private final DataSource dataSource;

	private volatile Boolean postgres;

	RunLocks(IntroflowProperties properties, DataSource dataSource) {
		this.properties = properties;
		this.dataSource = dataSource;
	}

	/**
	 * Takes the lock for {@code what} ({@code run nightly 2026-12-01},
	 * {@code import clients.csv}).
	 * @throws RunLockHeldException when another run holds it, naming that run
	 */
	public RunLock acquire(String what) {
		return postgres() ? advisory(what) : RunLock.acquire(properties, what);
	}

	/**
	 * Whether the lock is PostgreSQL's advisory lock rather than the file
	 * {@code data/introflow.lock}.
	 */
	public boolean postgres() {
		Boolean known = postgres;
		if (known == null) {
			try (Connection c = dataSource.getConnection()) {
				known = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
			}
			catch (SQLException ex) {
				throw new IntroflowException("cannot reach the database to take the run lock: " + ex.getMessage(), ex);
			}
			postgres = known;
		}
		return known;
	}

	private RunLock advisory(String what) {
		Connection session = null;
		try {
			session = dataSource.getConnection();
			session.setAutoCommit(true);
			if (!tryLock(session)) {
				String holder = holder(session).orElse("another Introflow run (PostgreSQL advisory lock " + KEY + ")");
				throw new RunLockHeldException(holder);
			}
			name(session, "introflow: " + what);
			Connection held = session;
			session = null;
			return new RunLock(() -> release(held));
		}
		catch (SQLException ex) {
			throw new IntroflowException("cannot take the run lock on PostgreSQL: " + ex.getMessage(), ex);
		}
		finally {
			closeQuietly(session);
		}
	}

	private static boolean tryLock(Connection session) throws SQLException {
		try (PreparedStatement st = session.prepareStatement("select pg_try_advisory_lock(?)")) {
			st.setLong(1, KEY);
			try (ResultSet rs = st.executeQuery()) {
				rs.next();
				return rs.getBoolean(1);
			}
		}
	}

	/**
	 * What holds the lock now, as
	 * {@code run nightly 2026-12-01 (host 10.0.0.5, PostgreSQL session 4711, since ...)}.
	 */
	private static Optional<String> holder(Connection session) throws SQLException {
		String sql = "select a.application_name, a.client_addr, a.pid, a.backend_start from pg_locks l "
				+ "join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.granted "
				+ "and l.classid = ? and l.objid = ? and l.objsubid = 1";
		try (PreparedStatement st = session.prepareStatement(sql)) {
			st.setLong(1, KEY >>> 32);
			st.setLong(2, KEY & 0xffffffffL);
			try (ResultSet rs = st.executeQuery()) {
				if (!rs.next()) {
					return Optional.empty();
				}
				String name = rs.getString(1);
				String what = name != null && name.startsWith("introflow: ") ? name.substring("introflow: ".length())
						: "an Introflow run";
				String host = rs.getString(2) != null ? rs.getString(2) : "this host (local socket)";
				return Optional.of(what + " (from " + host + ", PostgreSQL session " + rs.getInt(3) + ", since "
						+ rs.getTimestamp(4).toInstant() + ")");
			}
		}
	}

	private static void name(Connection session, String name) throws SQLException {
		String hostPart = " @" + host();
		String full = name.length() + hostPart.length() <= NAME_LIMIT ? name + hostPart : name;
		try (PreparedStatement st = session.prepareStatement("select set_config('application_name', ?, false)")) {
			st.setString(1, full.length() > NAME_LIMIT ? full.substring(0, NAME_LIMIT) : full);
			st.executeQuery().close();
		}
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown host";
		}
	}

	/**
	 * Unlocks and hands the session back to the pool; when unlocking fails the session is
	 * aborted instead, since a pooled session that still held the lock would keep every
	 * later run out.
	 */
	private static void release(Connection session) throws SQLException {
		try {
			try (PreparedStatement st = session.prepareStatement("select pg_advisory_unlock(?)")) {
				st.setLong(1, KEY);
				st.executeQuery().close();
			}
			try (PreparedStatement st = session.prepareStatement("select set_config('application_name', '', false)")) {
				st.executeQuery().close();
			}
		}
		catch (SQLException ex) {
			session.abort(Runnable::run);
			throw ex;
		}
		finally {
			session.close();
		}
	}

	private static void closeQuietly(Connection session) {
		if (session != null) {
			try {
				session.close();
			}
			catch (SQLException ex) {
				// nothing held on it
			}
		}
	}

}
