package io.introflow.outbound;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the overall deadlines of the SMTP connections: one thread that, a few times
 * per deadline, closes the socket of any connection whose reply, opening or message has
 * taken too long. A socket's read timeout is reset by every line, so a server that drips
 * continuation lines ({@code 220-}, {@code 250-}) would otherwise hold a connection for
 * ever. Arming a deadline is a volatile write, so the relay's throughput does not pay for
 * it.
 */
final class Watchdog implements AutoCloseable {

	private static final long NONE = Long.MIN_VALUE;

	private final Set<Guard> guards = ConcurrentHashMap.newKeySet();

	private final Duration commandDeadline;

	private final Duration messageDeadline;

	private final long tickNanos;

	private final Thread thread;

	private volatile boolean open = true;

	Watchdog(Duration commandDeadline, Duration messageDeadline) {
		this.commandDeadline = commandDeadline;
		this.messageDeadline = messageDeadline;
		long shortest = Math.min(commandDeadline.toNanos(), messageDeadline.toNanos());
		this.tickNanos = Math.max(Duration.ofMillis(10).toNanos(),
				Math.min(Duration.ofSeconds(1).toNanos(), shortest / 10));
		this.thread = new Thread(this::run, "smtp-watchdog");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** The deadlines of a new connection. */
	Guard guard() {
		Guard guard = new Guard();
		guards.add(guard);
		return guard;
	}

	private void run() {
		while (open) {
			LockSupport.parkNanos(tickNanos);
			long now = System.nanoTime();
			for (Guard guard : guards) {
				guard.check(now);
			}
		}
	}

	@Override
	public void close() {
		open = false;
		LockSupport.unpark(thread);
	}

	static String human(Duration d) {
		return (d.toMillis() % 1000 == 0) ? d.toSeconds() + " s" : d.toMillis() + " ms";
	}

	/**
	 * The deadlines of one connection: one for the reply being awaited, one for the phase
	 * it belongs to (opening the connection, or sending a message). When either passes,
	 * the socket is closed, which ends any read or write on it with an I/O error;
	 * {@link #expired()} then says which deadline it was.
	 */
	final class Guard {

		private volatile long replyEnd = NONE;

		private volatile long phaseEnd = NONE;

		private volatile String phase;

		private volatile Socket socket;

		private volatile String expired;

		/**
		 * The socket to close when a deadline passes (the TCP socket, under any TLS
		 * layered on it).
		 */
		void attach(Socket socket) {
			this.socket = socket;
		}

		void openingStarted() {
			expired = null;
			phase = "opening the connection (TCP, TLS, greeting, EHLO, AUTH) took longer than the command deadline of "
					+ human(commandDeadline);
			phaseEnd = System.nanoTime() + commandDeadline.toNanos();
		}

		void closingStarted() {
			phase = "closing the connection took longer than the command deadline of " + human(commandDeadline);
			phaseEnd = System.nanoTime() + commandDeadline.toNanos();
		}

		void messageStarted() {
			expired = null;
			phase = "the message took longer than the message deadline of " + human(messageDeadline);
			phaseEnd = System.nanoTime() + messageDeadline.toNanos();
		}

		void phaseEnded() {
			phaseEnd = NONE;
		}

		void awaitingReply() {
			replyEnd = System.nanoTime() + commandDeadline.toNanos();
		}

		void replied() {
			replyEnd = NONE;
		}

		/** Why the socket was closed under a command, or null when no deadline passed. */
		String expired() {
			return expired;
		}

		void forget() {
			guards.remove(this);
		}

		private void check(long now) {
			long reply = replyEnd;
			long whole = phaseEnd;
			if (reply != NONE && now - reply > 0) {
				expire("no complete reply within the command deadline of " + human(commandDeadline));
			}
			else if (whole != NONE && now - whole > 0) {
				expire(phase);
			}
		}

		private void expire(String why) {
			replyEnd = NONE;
			phaseEnd = NONE;
			expired = why;
			Socket s = socket;
			if (s != null) {
				try {
					s.close();
				}
				catch (IOException ex) {
					// closed either way
				}
			}
		}

	}

}
