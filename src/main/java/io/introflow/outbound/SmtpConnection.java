package io.introflow.outbound;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;

import org.eclipse.angus.mail.util.SocketFetcher;

/**
 * One SMTP connection of the relay's pool, opened on first use and reopened after an
 * error, reused for every message it sends. It opens the TCP socket itself (and the TLS
 * layer of SMTPS, with Angus Mail's own trust rules), so that its {@link Watchdog.Guard}
 * can close it when a deadline passes; STARTTLS and AUTH are Angus Mail's as usual.
 */
final class SmtpConnection implements AutoCloseable {

	private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final Session session;

	private final Properties properties;

	private final SmtpProperties smtp;

	private final Watchdog.Guard guard;

	private DeadlineTransport transport;

	private Socket socket;

	private long lastUsed;

	SmtpConnection(Session session, Properties properties, SmtpProperties smtp, Watchdog watchdog) {
		this.session = session;
		this.properties = properties;
		this.smtp = smtp;
		this.guard = watchdog.guard();
	}

	/**
	 * The open connection. Its liveness is checked (a NOOP round trip) only after it has
	 * been idle a while: a check before every message would cost as much as the message
	 * itself.
	 * @throws RelayUnreachableException when no TCP connection or no greeting came
	 * @throws MessagingException when the server answered but the session could not be
	 * set up (STARTTLS, AUTH)
	 */
	DeadlineTransport transport() throws MessagingException, RelayUnreachableException {
		long now = System.nanoTime();
		boolean idle = now - lastUsed > IDLE_CHECK_NANOS;
		lastUsed = now;
		if (transport == null || (idle && !transport.isConnected())) {
			reset();
			transport = open();
		}
		return transport;
	}

	private DeadlineTransport open() throws MessagingException, RelayUnreachableException {
		String where = smtp.host() + ":" + smtp.port();
		Socket plain = new Socket();
		DeadlineTransport opening = null;
		guard.attach(plain);
		guard.openingStarted();
		try {
			connect(plain, where);
			plain.setSoTimeout((int) smtp.readTimeout().toMillis());
			Socket layered = smtp.ssl() ? SocketFetcher.startTLS(plain, smtp.host(), properties, "mail.smtps") : plain;
			opening = new DeadlineTransport(session,
					new URLName(smtp.ssl() ? "smtps" : "smtp", smtp.host(), smtp.port(), null,
							smtp.hasCredentials() ? smtp.username() : null,
							smtp.hasCredentials() ? smtp.password() : null),
					smtp.ssl(), guard);
			opening.connect(layered);
			socket = plain;
			return opening;
		}
		catch (IOException ex) {
			// the TLS layer of SMTPS, before any greeting
			closeQuietly(plain);
			throw new RelayUnreachableException(unreachable(ex, where), ex);
		}
		catch (MessagingException ex) {
			closeQuietly(plain);
			if (opening == null || !opening.answered()) {
				throw new RelayUnreachableException(unreachable(ex, where), ex);
			}
			throw ex;
		}
		finally {
			guard.phaseEnded();
		}
	}

	private void connect(Socket plain, String where) throws RelayUnreachableException {
		try {
			// the address keeps the configured name: Angus Mail takes the host from the
			// socket (for STARTTLS, the
			// trusted hosts and the certificate's name check), and would otherwise look
			// an IP address up in DNS
			InetAddress address = InetAddress.getByName(smtp.host());
			InetAddress named = InetAddress.getByAddress(smtp.host(), address.getAddress());
			// every command waits for its answer: with Nagle's algorithm the last small
			// write of a message (the end
			// of DATA) waited for the server's delayed ACK, about 40 ms, on one message
			// in three (measured with
			// introflow bench nightly: 8,000 asks took 30.6 s to send, 3.3 s without the
			// wait)
			plain.setTcpNoDelay(true);
			plain.connect(new InetSocketAddress(named, smtp.port()), (int) smtp.connectTimeout().toMillis());
		}
		catch (SocketTimeoutException ex) {
			closeQuietly(plain);
			throw new RelayUnreachableException("no TCP connection to " + where + " within the connect timeout of "
					+ Watchdog.human(smtp.connectTimeout()), ex);
		}
		catch (ConnectException ex) {
			closeQuietly(plain);
			throw new RelayUnreachableException("connection refused by " + where, ex);
		}
		catch (IOException ex) {
			closeQuietly(plain);
			throw new RelayUnreachableException("cannot reach " + where + ": " + ex, ex);
		}
	}

	private String unreachable(Exception ex, String where) {
		if (guard.expired() != null) {
			return "no greeting from " + where + ": " + guard.expired();
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root instanceof SocketTimeoutException) {
			return "no greeting from " + where + " within the read timeout of " + Watchdog.human(smtp.readTimeout());
		}
		if (root instanceof UnknownHostException || root instanceof NoRouteToHostException) {
			return "cannot reach " + where + ": " + root;
		}
		return "no greeting from " + where + ": " + String.valueOf(root.getMessage()).strip();
	}

	/** Arms the message deadline; call before handing a message over. */
	void messageStarted() {
		guard.messageStarted();
		transport.messageStarted();
	}

	void messageEnded() {
		guard.phaseEnded();
	}

	/**
	 * Whether the current message's final {@code .} was sent: from then on a missing
	 * answer leaves it in doubt.
	 */
	boolean finalDotSent() {
		return transport != null && transport.finalDotSent();
	}

	/** Which deadline closed the connection under the last command, or null. */
	String expired() {
		return guard.expired();
	}

	/**
	 * Drops the connection after an error, without a QUIT; the next message opens a new
	 * one.
	 */
	void reset() {
		if (socket != null) {
			closeQuietly(socket);
			socket = null;
		}
		transport = null;
	}

	/** Says QUIT (within the command deadline) and closes the connection. */
	@Override
	public void close() {
		if (transport != null) {
			guard.closingStarted();
			try {
				transport.close();
			}
			catch (MessagingException ex) {
				// the connection is gone either way
			}
			finally {
				guard.phaseEnded();
			}
		}
		reset();
	}

	/** Closes the connection for good and stops watching it. */
	void forget() {
		close();
		guard.forget();
	}

	private static void closeQuietly(Socket s) {
		try {
			s.close();
		}
		catch (IOException ex) {
			// closed either way
		}
	}

}
