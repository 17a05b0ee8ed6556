package io.introflow.outbound;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;

import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport with a deadline on every reply (the {@link Watchdog} closes
 * the socket when it passes) and a mark once the final {@code .} of DATA is on its way:
 * from then on, a missing answer means the server may have the message, and the relay
 * must not send it again on its own.
 */
final class DeadlineTransport extends SMTPTransport {

	private final Watchdog.Guard guard;

	private boolean finalDotSent;

	private int replies;

	DeadlineTransport(Session session, URLName url, boolean ssl, Watchdog.Guard guard) {
		super(session, url, ssl ? "smtps" : "smtp", ssl);
		this.guard = guard;
	}

	@Override
	protected int readServerResponse() throws MessagingException {
		guard.awaitingReply();
		try {
			int code = super.readServerResponse();
			if (code >= 0) {
				replies++;
			}
			return code;
		}
		finally {
			guard.replied();
		}
	}

	@Override
	protected void finishData() throws IOException, MessagingException {
		finalDotSent = true;
		super.finishData();
	}

	void messageStarted() {
		finalDotSent = false;
	}

	/** Whether the current message's final {@code .} was (being) sent. */
	boolean finalDotSent() {
		return finalDotSent;
	}

	/** Whether the server ever answered on this connection (a greeting at least). */
	boolean answered() {
		return replies > 0;
	}

}
