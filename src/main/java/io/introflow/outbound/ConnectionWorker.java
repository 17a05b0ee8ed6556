package io.introflow.outbound;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's sender: for each row it takes it decides whether the row goes out now
 * (suppressions, window, daily cap, rate, the breaker), claims it through its
 * {@link Claims}, hands it to the server, and applies the {@link AttemptVerdict} of a
 * failed attempt.
 */
final class ConnectionWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final RelayPass pass;

	private final Claims claims;

	private final SmtpConnection connection;

	ConnectionWorker(RelayPass pass, Claims claims, SmtpConnection connection) {
		this.pass = pass;
		this.claims = claims;
		this.connection = connection;
	}

	void deliver(List<Outbox.Row> rows) {
		if (pass.halted()) {
			// the relay is unreachable, or the process stops: the rows stay queued,
			// unclaimed, for the next run
			return;
		}
		List<Outbox.Row> due = new ArrayList<>();
		for (Outbox.Row row : rows) {
			if (pass.suppressed.contains(row.recipient().toLowerCase(Locale.ROOT))) {
				if (pass.outbox.failQueued(row.id(), "recipient is suppressed; not sent")) {
					pass.failed.incrementAndGet();
				}
			}
			else if (!pass.sending.window().allows(ZonedDateTime.now(pass.clock), zone(row.timeZone()))
					|| !pass.budget.reserveUnderCap(row.sender())) {
				pass.held.add(row.id());
			}
			else {
				due.add(row);
			}
		}
		Set<Long> claimed = claims.claim(due.stream().map(Outbox.Row::id).toList());
		Map<Long, byte[]> mimes = pass.outbox.mimes(claimed);
		String unreachable = null;
		for (Outbox.Row row : due) {
			if (!claimed.contains(row.id())) {
				pass.budget.unreserve(row.sender());
			}
			else if (unreachable != null) {
				pass.budget.unreserve(row.sender());
				claims.postpone(row.id(), "relay unreachable: " + unreachable, retryAt(1));
			}
			else if (pass.halted() || Thread.currentThread().isInterrupted() || !pass.budget.takeRateToken()) {
				pass.budget.unreserve(row.sender());
				claims.release(row.id());
			}
			else {
				unreachable = send(row, mimes.get(row.id()));
			}
		}
	}

	/**
	 * @return why the relay could not be reached, or null when the message was handed
	 * over or refused
	 */
	private String send(Outbox.Row row, byte[] mime) {
		DeadlineTransport transport;
		try {
			transport = connection.transport();
		}
		catch (RelayUnreachableException ex) {
			pass.budget.unreserve(row.sender());
			int failures = pass.breaker.failed(ex.getMessage());
			claims.postpone(row.id(), "relay unreachable: " + ex.getMessage(), retryAt(failures));
			log.warn("SMTP relay unreachable ({} in a row): {}", failures, ex.getMessage());
			if (!pass.breaker.isOpen()) {
				OutboxRelay.sleep(retryAt(failures).toInstant().toEpochMilli() - System.currentTimeMillis());
			}
			return ex.getMessage();
		}
		catch (MessagingException ex) {
			pass.budget.unreserve(row.sender());
			failedAttempt(row, ex);
			return null;
		}
		pass.breaker.succeeded();
		connection.messageStarted();
		try {
			SMTPMessage message = new StoredMessage(pass.session, mime);
			message.setEnvelopeFrom(pass.bounceAddress.apply(row.messageId()));
			claims.handingOver(row.id());
			transport.sendMessage(message, new Address[] { new InternetAddress(row.recipient()) });
			claims.delivered(row.id());
			pass.sent.incrementAndGet();
		}
		catch (MessagingException ex) {
			failedAttempt(row, ex);
		}
		finally {
			connection.messageEnded();
		}
		return null;
	}

	private void failedAttempt(Outbox.Row row, MessagingException ex) {
		int attempt = row.attempts() + 1;
		AttemptVerdict verdict = AttemptVerdict.of(ex, connection.finalDotSent(), connection.expired(), attempt,
				pass.sending.retry());
		if (verdict.resetConnection()) {
			connection.reset();
		}
		String reason = verdict.reason();
		switch (verdict.outcome()) {
			case IN_DOUBT -> {
				claims.inDoubt(row.id(), reason);
				log.warn("Outbound {} to {} is in doubt: {}", row.id(), row.recipient(), reason);
			}
			case FAIL -> {
				pass.budget.unreserve(row.sender());
				claims.fail(row.id(), reason);
				if (verdict.suppressRecipient() && refused(row, reason)) {
					pass.suppressed.add(row.recipient().toLowerCase(Locale.ROOT));
				}
				pass.failed.incrementAndGet();
				log.warn("Outbound {} to {} failed: {}", row.id(), row.recipient(), reason);
			}
			case RETRY -> {
				pass.budget.unreserve(row.sender());
				claims.retry(row.id(), reason, retryAt(attempt));
				pass.retried.incrementAndGet();
				log.info("Outbound {} to {}: {}; trying again later", row.id(), row.recipient(), reason);
			}
		}
	}

	/**
	 * Reads a refused recipient like a bounce. The row is already FAILED with the
	 * server's reply: a failure here is logged, never thrown, so that the other rows go
	 * on.
	 * @return whether the address is suppressed now
	 */
	private boolean refused(Outbox.Row row, String reply) {
		try {
			return pass.refusals.refused(new SendRefusals.Refusal(row.id(), row.introductionId(), row.recipient(),
					replyCode(reply), reply, LocalDate.now(pass.clock)));
		}
		catch (RuntimeException ex) {
			log.warn("Outbound {} to {} was refused ({}), but the refusal could not be recorded: {}", row.id(),
					row.recipient(), reply, ex.toString());
			return false;
		}
	}

	/** The code a reply starts with ({@code 550 5.1.1 ...}), or 0. */
	private static int replyCode(String reply) {
		return (reply.length() >= 3 && reply.substring(0, 3).chars().allMatch(Character::isDigit))
				? Integer.parseInt(reply.substring(0, 3)) : 0;
	}

	private OffsetDateTime retryAt(int attempt) {
		return OffsetDateTime.now(pass.clock)
			.plus(pass.sending.retry().backoff(attempt, ThreadLocalRandom.current().nextDouble()));
	}

	private static ZoneId zone(String id) {
		try {
			return (id != null) ? ZoneId.of(id) : ZoneOffset.UTC;
		}
		catch (RuntimeException ex) {
			return ZoneOffset.UTC;
		}
	}

}
