package io.introflow.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

import io.introflow.Tx;
import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;

/**
 * The stage after a reply is applied: queues the forward each processed message from a
 * person owes its owner ({@code inbound_message.forward_state = 'OWED'}). It reads what
 * was stored when the message was applied and never changes it, so a forward that fails
 * (an owner address the outbox refuses, a database hiccup) is simply queued on the next
 * run.
 */
@Component
class OwnerForwardStage {

	private static final Logger log = LoggerFactory.getLogger(OwnerForwardStage.class);

	private final InboundStore store;

	private final MessageReader reader;

	private final IntroductionRepository introductions;

	private final ContactRepository contacts;

	private final ReplyPhrases phrases;

	private final OwnerForward forwards;

	private final IntroEvents events;

	private final Tx tx;

	OwnerForwardStage(InboundStore store, MessageReader reader, IntroductionRepository introductions,
			ContactRepository contacts, ReplyPhrases phrases, OwnerForward forwards, IntroEvents events, Tx tx) {
		this.store = store;
		this.reader = reader;
		this.introductions = introductions;
		this.contacts = contacts;
		this.phrases = phrases;
		this.forwards = forwards;
		this.events = events;
		this.tx = tx;
	}

	/**
	 * Queues the forwards still owed to owners: those of messages just applied, and those
	 * that failed on an earlier run. A failure leaves the forward owed for the next run
	 * and never touches the classification.
	 * @return how many were queued and how many failed
	 */
	String forwardOwed(LocalDate day) {
		int queued = 0;
		int failed = 0;
		for (InboundStore.OwedForward owed : store.forwardsOwed()) {
			if (forwardOne(owed, day)) {
				queued++;
			}
			else {
				failed++;
			}
		}
		return queued + " forwarded to owners"
				+ (failed > 0 ? ", " + failed + " forwards failed (retried next run)" : "");
	}

	private boolean forwardOne(InboundStore.OwedForward owed, LocalDate day) {
		try {
			Introduction intro = (owed.introductionId() != null)
					? introductions.findById(owed.introductionId()).orElse(null) : null;
			String owner = (intro != null) ? intro.ownerEmail()
					: Optional.ofNullable(owed.sender())
						.flatMap(contacts::find)
						.map(Contact::ownerEmail)
						.orElse(phrases.forwardUnmatchedTo());
			if (owner == null) {
				// decided before the message is read again: a mailbox of strangers costs
				// no second reading
				tx.runInNew(() -> store.forwardDone(owed.id(), "NO_OWNER", null,
						"no owner known and introflow.replies.forward-unmatched-to is not set"));
				return true;
			}
			try (InboundStore.Spooled spooled = store.spool(owed.id())) {
				forward(owed, spooled.path(), intro, owner, day);
			}
			return true;
		}
		catch (TransientDataAccessException | DataAccessResourceFailureException ex) {
			throw ex;
		}
		catch (RuntimeException | IOException | MessagingException | UnreadableMessageException ex) {
			String reason = ex.getClass().getSimpleName() + (ex.getMessage() != null ? ": " + ex.getMessage() : "");
			log.warn("Inbound {}: the forward to its owner failed ({}); it is tried again on the next run", owed.id(),
					reason);
			tx.runInNew(() -> store.forwardFailed(owed.id(), reason));
			return false;
		}
	}

	/**
	 * Queues the forward of one spooled message, marks it forwarded and records it, in
	 * one transaction.
	 */
	private void forward(InboundStore.OwedForward owed, Path raw, Introduction intro, String owner, LocalDate day)
			throws IOException, MessagingException, UnreadableMessageException {
		MessageReader.Read read = reader.read(owed.id(), raw);
		String messageId = read.headers().getMessageID();
		tx.runInNew(() -> {
			try {
				long outbound = forwards.forward(raw, read.headerSection(), owner, intro, owed, messageId,
						read.written());
				store.forwardDone(owed.id(), "FORWARDED", outbound, null);
				if (intro != null) {
					events.record(intro.id(), day, "FORWARDED_TO_OWNER", "inbound:" + owed.id(),
							"outbound " + outbound + " to " + owner);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

}
