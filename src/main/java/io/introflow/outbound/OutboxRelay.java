package io.introflow.outbound;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.introflow.contact.ContactRepository;

/**
 * Relays queued outbox rows over one reused SMTP connection. Each row is claimed ({@code SENDING}) in its own
 * transaction before it is handed to the server and marked {@code SENT} right after, so a crash can leave at most
 * the one row in flight in doubt; such rows are never resent automatically but reported for a person to decide.
 * Send failures are recorded per row and never thrown: mail is not transactional.
 */
@Component
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 200;

	private final Outbox outbox;

	private final ContactRepository contacts;

	private final SmtpProperties smtp;

	OutboxRelay(Outbox outbox, ContactRepository contacts, SmtpProperties smtp) {
		this.outbox = outbox;
		this.contacts = contacts;
		this.smtp = smtp;
	}

	/** What one relay pass did. */
	public record Result(int sent, int failed, int retried, List<Outbox.Row> inDoubt) {
	}

	public Result relay() {
		List<Outbox.Row> inDoubt = outbox.inDoubt();
		for (Outbox.Row row : inDoubt) {
			log.warn("Outbound {} ({} to {}) was being sent when an earlier run stopped; not resent. "
					+ "Check the recipient's mailbox or the SMTP log, then resolve it by hand.", row.id(),
					row.stepKey(), row.recipient());
		}
		Session session = Session.getInstance(sessionProperties());
		int sent = 0;
		int failed = 0;
		int retried = 0;
		try (Connection connection = new Connection(session)) {
			List<Outbox.Row> batch;
			while (!(batch = outbox.queued(BATCH)).isEmpty()) {
				for (Outbox.Row row : batch) {
					switch (deliver(connection, session, row)) {
						case SENT -> sent++;
						case FAILED -> failed++;
						case RETRY -> retried++;
					}
				}
			}
		}
		return new Result(sent, failed, retried, inDoubt);
	}

	private enum Outcome {

		SENT, FAILED, RETRY

	}

	private Outcome deliver(Connection connection, Session session, Outbox.Row row) {
		if (contacts.isSuppressed(row.recipient())) {
			if (outbox.claim(row.id())) {
				outbox.markFailed(row.id(), "recipient is suppressed; not sent");
			}
			return Outcome.FAILED;
		}
		if (!outbox.claim(row.id())) {
			return Outcome.RETRY;
		}
		try {
			MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(outbox.mime(row.id())));
			Address[] recipients = message.getAllRecipients();
			connection.transport().sendMessage(message, recipients);
			outbox.markSent(row.id());
			return Outcome.SENT;
		}
		catch (MessagingException ex) {
			return failed(connection, row, ex);
		}
	}

	private Outcome failed(Connection connection, Outbox.Row row, MessagingException ex) {
		int code = replyCode(ex);
		String reason = (code > 0 ? code + " " : "") + String.valueOf(ex.getMessage()).strip();
		if (code >= 500) {
			outbox.markFailed(row.id(), reason);
			if (ex instanceof SMTPAddressFailedException || hasAddressFailure(ex)) {
				contacts.suppress(row.recipient(), "hard_bounce", "smtp:" + reason);
			}
			log.warn("Outbound {} to {} failed permanently: {}", row.id(), row.recipient(), reason);
			return Outcome.FAILED;
		}
		connection.reset();
		if (row.attempts() + 1 >= smtp.maxAttempts()) {
			outbox.markFailed(row.id(), "gave up after " + (row.attempts() + 1) + " attempts: " + reason);
			return Outcome.FAILED;
		}
		outbox.requeue(row.id(), reason);
		sleep(250L << Math.min(row.attempts(), 4));
		return Outcome.RETRY;
	}

	private static int replyCode(MessagingException ex) {
		for (Exception e = ex; e != null; e = (e instanceof MessagingException m) ? m.getNextException() : null) {
			if (e instanceof SMTPAddressFailedException a) {
				return a.getReturnCode();
			}
			if (e instanceof SMTPSendFailedException s) {
				return s.getReturnCode();
			}
		}
		return -1;
	}

	private static boolean hasAddressFailure(MessagingException ex) {
		for (Exception e = ex; e != null; e = (e instanceof MessagingException m) ? m.getNextException() : null) {
			if (e instanceof SMTPAddressFailedException) {
				return true;
			}
		}
		return false;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	Properties sessionProperties() {
		Properties p = new Properties();
		p.put("mail.transport.protocol", "smtp");
		p.put("mail.smtp.host", smtp.host());
		p.put("mail.smtp.port", String.valueOf(smtp.port()));
		p.put("mail.smtp.localhost", smtp.heloName());
		p.put("mail.smtp.connectiontimeout", String.valueOf(smtp.connectTimeout().toMillis()));
		p.put("mail.smtp.timeout", String.valueOf(smtp.readTimeout().toMillis()));
		p.put("mail.smtp.writetimeout", String.valueOf(smtp.readTimeout().toMillis()));
		p.put("mail.smtp.auth", String.valueOf(smtp.hasCredentials()));
		p.put("mail.smtp.starttls.enable", String.valueOf(!smtp.starttls().equals("off")));
		p.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls().equals("required")));
		p.put("mail.smtp.sendpartial", "false");
		return p;
	}

	/** One SMTP connection, opened on first use and reopened after an error. */
	private final class Connection implements AutoCloseable {

		private final Session session;

		private Transport transport;

		Connection(Session session) {
			this.session = session;
		}

		Transport transport() throws MessagingException {
			if (transport == null) {
				transport = session.getTransport("smtp");
				if (smtp.hasCredentials()) {
					transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
				}
				else {
					transport.connect();
				}
			}
			return transport;
		}

		void reset() {
			close();
		}

		@Override
		public void close() {
			if (transport != null) {
				try {
					transport.close();
				}
				catch (MessagingException ex) {
					// the connection is gone either way
				}
				transport = null;
			}
		}

	}

}
