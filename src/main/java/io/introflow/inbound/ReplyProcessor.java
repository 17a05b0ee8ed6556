package io.introflow.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

import io.introflow.Tx;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.IntroState;
import io.introflow.intro.IntroStateMachine;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;
import io.introflow.intro.PlaybookProperties;
import io.introflow.intro.UnsubscribeRecorder;
import io.introflow.playbook.Sequences;

/**
 * Interprets stored messages and applies their effects: state moves through the state
 * machine, postponed steps, suppressions, each recorded as an event naming the inbound
 * message. A message that cannot be read within the limits of
 * {@code introflow.inbound.limits}, or whose effects fail, is marked {@code UNREADABLE}
 * with the reason and reported; it never fails the step, and nothing of it is half
 * applied. What the playbook does after a reply (holds, replies to the value email) is
 * decided by {@link Sequences}; each message from a person is then handed to its owner by
 * the {@link OwnerForwardStage}.
 */
@Component
public class ReplyProcessor {

	private static final Logger log = LoggerFactory.getLogger(ReplyProcessor.class);

	/**
	 * How many waiting messages are looked up at a time (their ids, never their bytes).
	 */
	private static final int PAGE = 100;

	private static final IntroStateMachine MACHINE = new IntroStateMachine();

	private final InboundStore store;

	private final ReplyMatcher matcher;

	private final ReplyClassifier classifier;

	private final IntroEvents events;

	private final IntroductionRepository introductions;

	private final ContactRepository contacts;

	private final PlaybookProperties playbook;

	private final Tx tx;

	private final OwnerForwardStage forwardStage;

	private final Sequences sequences;

	private final MessageReader reader;

	private final BounceRecorder bounces;

	private final UnsubscribeRecorder unsubscribes;

	ReplyProcessor(InboundStore store, ReplyMatcher matcher, ReplyClassifier classifier, IntroEvents events,
			IntroductionRepository introductions, ContactRepository contacts, PlaybookProperties playbook, Tx tx,
			OwnerForwardStage forwardStage, Sequences sequences, MessageReader reader, BounceRecorder bounces,
			UnsubscribeRecorder unsubscribes) {
		this.unsubscribes = unsubscribes;
		this.bounces = bounces;
		this.reader = reader;
		this.sequences = sequences;
		this.forwardStage = forwardStage;
		this.store = store;
		this.matcher = matcher;
		this.classifier = classifier;
		this.events = events;
		this.introductions = introductions;
		this.contacts = contacts;
		this.playbook = playbook;
		this.tx = tx;
	}

	/**
	 * Interprets every stored message not yet interpreted, one at a time: its bytes are
	 * copied to a temporary file, read within the limits ({@link MessageReader}), then
	 * matched, classified and applied in one transaction. A message that cannot be read,
	 * or whose effects fail, is marked {@code UNREADABLE} with the reason; the others go
	 * on. Then the forwards owed to owners are queued (those of earlier runs that failed
	 * too).
	 * @return how many messages of each class were processed
	 */
	public Map<Classification.Kind, Integer> processStored(LocalDate day) {
		Map<Classification.Kind, Integer> counts = new EnumMap<>(Classification.Kind.class);
		long started = System.nanoTime();
		long after = 0;
		List<InboundStore.Waiting> page;
		while (!(page = store.waiting(after, PAGE)).isEmpty()) {
			for (InboundStore.Waiting waiting : page) {
				counts.merge(processOne(waiting.id(), day), 1, Integer::sum);
				after = waiting.id();
			}
		}
		int read = counts.values().stream().mapToInt(Integer::intValue).sum();
		if (read > 0) {
			log.info("Interpreted {} stored messages in {} ms", read, (System.nanoTime() - started) / 1_000_000);
		}
		String forwarded = forwardStage.forwardOwed(day);
		log.info("Replies: {}", forwarded);
		return counts;
	}

	private Classification.Kind processOne(long id, LocalDate day) {
		MessageReader.Read read = null;
		try (InboundStore.Spooled spooled = store.spool(id)) {
			read = reader.read(id, spooled.path());
			MessageReader.Read readable = read;
			return tx.inNew(() -> apply(id, readable, day));
		}
		catch (UnreadableMessageException ex) {
			return unreadable(id, null, null, ex.getMessage());
		}
		catch (TransientDataAccessException | DataAccessResourceFailureException ex) {
			// the database, not the message, failed (a lock timeout, a lost connection):
			// the message stays waiting
			// and the step fails, so that the restarted run reads it again
			throw ex;
		}
		catch (RuntimeException | StackOverflowError ex) {
			// the transaction that applied the effects was rolled back: nothing of this
			// message was applied
			return unreadable(id, read != null ? read.sender() : null, read != null ? read.subject() : null,
					"cannot be interpreted: " + ex.getClass().getSimpleName()
							+ (ex.getMessage() != null ? ": " + ex.getMessage() : ""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make a temporary copy of inbound message " + id, ex);
		}
	}

	private Classification.Kind unreadable(long id, String sender, String subject, String reason) {
		tx.runInNew(
				() -> store.markProcessed(id, sender, subject, Classification.Kind.UNREADABLE.name(), reason, null));
		log.warn("Inbound {} could not be read ({}); stored and reported, not interpreted", id, reason);
		return Classification.Kind.UNREADABLE;
	}

	private Classification.Kind apply(long id, MessageReader.Read read, LocalDate day) {
		String cause = "inbound:" + id;
		try {
			Optional<Classification> bounce = read.bounce();
			ReplyMatcher.Match match = matcher.match(read.headers(), read.quotedIds(),
					bounce.map(Classification::bouncedAddress).orElse(null));
			Classification c = bounce
				.isPresent()
						? checkedRecipient(bounce.get(), match)
						: read.delivered().isPresent()
								? Classification.of(Classification.Kind.AUTO_REPLY,
										read.delivered().get()
												+ "; a mail server's report, not a bounce: nothing applied")
								: classifier.classify(read.headers(), read.text(), read.written(), match, day);
			String evidence = (match.intro() != null ? "matched via " + match.via() + " (" + match.address() + ")"
					: "no token, thread or open introduction") + "; " + c.evidence();
			Handling done = new Handling();
			if (read.delivered().isPresent() && bounce.isEmpty()) {
				done.add("delivery report: nothing to do");
			}
			else if (match.intro() != null) {
				apply(match, c, day, cause, done);
			}
			else {
				applyUnmatched(c, cause, day);
				log.warn("Inbound {} from {} ('{}') matches no introduction; read as {}", id, read.sender(),
						read.subject(), c.kind());
			}
			// the forward is a later stage: a failure to queue it never undoes or repeats
			// what was applied here
			store.markProcessed(id, read.sender(), read.subject(), c.kind().name(), evidence,
					match.intro() != null ? match.intro().id() : null, c.intents(), done.toString(),
					ownerHears(c, match, read.sender()) || done.refused);
			store.recordVisibleText(id, read.written());
			return c.kind();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/**
	 * Every reply from a person reaches the owner, and every complaint: not bounces and
	 * auto-replies, not the intro copy (the owner is on it), not an unsubscribe a mail
	 * program sent to the unsubscribe address, not the owner's own mail.
	 */
	private static boolean ownerHears(Classification c, ReplyMatcher.Match match, String sender) {
		if (c.kind() == Classification.Kind.COMPLAINT) {
			return true; // the owner must know that a client called their email spam
		}
		if (!c.kind().isHuman() || c.kind() == Classification.Kind.INTRO_MADE) {
			return false;
		}
		if (c.kind() == Classification.Kind.UNSUBSCRIBE && match.via() == ReplyMatcher.Via.UNSUBSCRIBE_ADDRESS) {
			return false;
		}
		return match.intro() == null || sender == null || !sender.equalsIgnoreCase(match.intro().ownerEmail());
	}

	/**
	 * A bounce matched to the email we sent (by its VERP envelope address, our Message-ID
	 * quoted or the thread) names the address we actually sent to when it names it among
	 * others, and that address when it names none readable.
	 */
	static Classification checkedRecipient(Classification bounce, ReplyMatcher.Match match) {
		Introduction intro = match.intro();
		boolean ourEmail = intro != null
				&& (match.via() == ReplyMatcher.Via.BOUNCE_ADDRESS || match.via() == ReplyMatcher.Via.QUOTED_ID
						|| match.via() == ReplyMatcher.Via.THREAD || match.via() == ReplyMatcher.Via.REPLY_ADDRESS);
		if (!ourEmail || intro.referrerEmail() == null) {
			return bounce;
		}
		String sent = intro.referrerEmail().toLowerCase(java.util.Locale.ROOT);
		List<String> named = bounce.addresses();
		if (named.isEmpty()) {
			return new Classification(bounce.kind(),
					bounce.evidence() + "; names no recipient: the one we sent to, " + sent, null, List.of(sent),
					bounce.detail());
		}
		if (!named.get(0).equals(sent) && named.contains(sent)) {
			List<String> reordered = new ArrayList<>(named);
			reordered.remove(sent);
			reordered.add(0, sent);
			return new Classification(bounce.kind(),
					bounce.evidence() + "; of those named, the one we sent to: " + sent, null, reordered,
					bounce.detail());
		}
		return bounce;
	}

	/**
	 * A hard bounce or a complaint suppresses its address even when no introduction is
	 * found; a soft bounce counts towards the soft rule.
	 */
	private void applyUnmatched(Classification c, String cause, LocalDate day) {
		String address = c.bouncedAddress();
		if (address == null) {
			return;
		}
		if (c.isHardBounce()) {
			contacts.suppress(address, "hard_bounce", cause + " " + c.detail());
		}
		else if (c.kind() == Classification.Kind.BOUNCE) {
			bounces.soft(c.addresses().get(0), c.bounceReason(), day, cause, c.evidence(), null);
		}
		else if (c.kind() == Classification.Kind.COMPLAINT) {
			contacts.suppress(c.addresses().get(0), "complaint", cause + " " + c.evidence());
		}
	}

	private void apply(ReplyMatcher.Match match, Classification c, LocalDate day, String cause, Handling done) {
		Introduction intro = match.intro();
		if (c.kind() == Classification.Kind.INTRO_MADE && intro.isOptIn()) {
			// double opt-in: the client has asked the prospect; the introduction is made
			// when the prospect answers
			recordProspect(intro, c.addresses(), day, cause);
			move(intro, IntroState.AGREED, day, cause,
					"asked " + String.join(", ", c.addresses()) + " whether an introduction is welcome", done);
			return;
		}
		switch (c.kind()) {
			case BOUNCE -> bounced(intro, c, day, cause, done);
			case COMPLAINT -> complained(intro, c, day, cause, done);
			case AUTO_REPLY -> postpone(intro, c, day, cause);
			case UNSUBSCRIBE -> unsubscribed(intro, c, day, cause, done);
			case INTRO_MADE -> {
				recordProspect(intro, c.addresses(), day, cause);
				// the move queues the thank-you: the sequence's next step once introduced
				move(intro, IntroState.INTRODUCED, day, cause, "prospect: " + String.join(", ", c.addresses()), done);
			}
			case PROSPECT_ENGAGED -> prospectAnswered(intro, c, day, cause, done);
			default -> answered(intro, c, day, cause, done);
		}
	}

	/**
	 * The referrer's answer: yes, no, someone else, a question, or one to review. The
	 * playbook decides whether it moves the state (not in answer to the value email) and
	 * whether it holds what comes next.
	 */
	private void answered(Introduction intro, Classification c, LocalDate day, String cause, Handling done) {
		IntroState before = intro.state();
		boolean moves = sequences.answerMovesState(before);
		if (c.kind() == Classification.Kind.NOT_RIGHT_PERSON) {
			events.record(intro.id(), day, "REFERRED_ELSEWHERE", cause, c.evidence());
		}
		IntroState to = switch (c.kind()) {
			case DECLINED, NOT_RIGHT_PERSON -> IntroState.DECLINED;
			case AGREED -> IntroState.AGREED;
			default -> null;
		};
		IntroState now = before;
		if (to != null && moves) {
			now = move(intro, to, day, cause,
					(c.kind() == Classification.Kind.NOT_RIGHT_PERSON ? "not the right person: " : "") + c.evidence(),
					done) ? to : before;
		}
		else if (to != null) {
			done.add("no state change: a reply to the value email (state stays " + before + ")");
		}
		boolean asks = c.kind().waitsForOwner() || c.question();
		if (asks) {
			events.record(intro.id(), day, "NEEDS_OWNER", cause,
					"a person replied; " + intro.ownerEmail() + " should answer: " + c.evidence());
		}
		Sequences.ReplyGist gist = new Sequences.ReplyGist(c.kind() == Classification.Kind.QUESTION || c.question(),
				c.kind() == Classification.Kind.NEEDS_REVIEW,
				c.kind() == Classification.Kind.DECLINED || c.kind() == Classification.Kind.NOT_RIGHT_PERSON);
		if (sequences.afterReply(intro.id(), before, now, gist,
				"reply " + cause + " waits for " + intro.ownerEmail())) {
			done.add("automated steps that ask something held until the owner acts");
		}
	}

	/**
	 * A move through the state machine; one it refuses is recorded (by the events) and
	 * told to the owner.
	 */
	private boolean move(Introduction intro, IntroState to, LocalDate day, String cause, String detail, Handling done) {
		if (events.move(intro, to, day, cause, detail)) {
			done.add("state " + intro.state() + " -> " + to);
			return true;
		}
		IntroStateMachine.Transition t = MACHINE.decide(intro.state(), to);
		done.add("refused move " + intro.state() + " -> " + to + " ("
				+ (t.legal() ? "state changed concurrently" : t.rejection()) + "); the state stays " + intro.state());
		done.refused = true;
		return false;
	}

	/**
	 * Recorded as the one-click link records it (the same service); the owner hears when
	 * the state stays.
	 */
	private void unsubscribed(Introduction intro, Classification c, LocalDate day, String cause, Handling done) {
		UnsubscribeRecorder.Recorded r = unsubscribes.record(intro, day, cause, c.evidence());
		done.add("suppressed " + intro.referrerEmail() + (r.suppressed() ? "" : " (already)"));
		if (r.moved()) {
			done.add("state " + r.before() + " -> " + IntroState.OPTED_OUT);
		}
		else if (r.refusal() != null) {
			done.add("refused move " + r.before() + " -> " + IntroState.OPTED_OUT + " (" + r.refusal()
					+ "); the state stays " + r.before());
			done.refused = true;
		}
		else {
			done.add("already unsubscribed; the state stays " + r.before());
		}
	}

	/**
	 * A hard bounce of the referrer ends the introduction; any bounce is recorded; a soft
	 * one counts towards the soft rule ({@link BounceRecorder}) and changes nothing else.
	 */
	private void bounced(Introduction intro, Classification c, LocalDate day, String cause, Handling done) {
		String address = c.bouncedAddress() != null ? c.bouncedAddress() : intro.referrerEmail();
		if (!c.isHardBounce()) {
			// recorded with its reason (detail "4.2.2 mailbox_full"): the events a count
			// of soft bounces reads
			events.record(intro.id(), day, "SOFT_BOUNCE", cause, c.evidence());
			if (bounces.soft(address, c.bounceReason(), day, cause, c.evidence(), intro)) {
				done.add("suppressed " + address + " (soft bounces)");
			}
			return;
		}
		contacts.suppress(address, "hard_bounce", cause + " " + c.detail());
		if (address.equalsIgnoreCase(intro.referrerEmail())) {
			introductions.scheduleNextStep(intro.id(), null, null);
			move(intro, IntroState.BOUNCED, day, cause, c.evidence(), done);
		}
		else {
			events.record(intro.id(), day, "HARD_BOUNCE", cause, c.evidence());
		}
	}

	/**
	 * A complaint (the complainant marked our email as spam): never mail them again, stop
	 * the referrer's sequence, and tell the owner (the forward); the state is left to the
	 * owner.
	 */
	private void complained(Introduction intro, Classification c, LocalDate day, String cause, Handling done) {
		String address = c.addresses().get(0);
		contacts.suppress(address, "complaint", cause + " " + c.evidence());
		done.add("suppressed " + address + " (complaint)");
		if (address.equalsIgnoreCase(intro.referrerEmail())) {
			introductions.scheduleNextStep(intro.id(), null, null);
			done.add("no more automated steps");
		}
		events.record(intro.id(), day, "COMPLAINT", cause, c.evidence());
	}

	/**
	 * The prospect wrote on the intro thread: with double opt-in, their answer to "may I
	 * introduce you?"; otherwise they are talking to the rep. A new address of theirs is
	 * recorded.
	 */
	private void prospectAnswered(Introduction intro, Classification c, LocalDate day, String cause, Handling done) {
		recordProspect(intro, c.addresses(), day, cause);
		if ("declined".equals(c.detail())
				&& (intro.state() == IntroState.AGREED || intro.state() == IntroState.ASKED)) {
			move(intro, IntroState.DECLINED, day, cause, "the prospect declined: " + c.evidence(), done);
			return;
		}
		if (intro.state() == IntroState.ASKED || intro.state() == IntroState.AGREED) {
			move(intro, IntroState.INTRODUCED, day, cause, c.evidence(), done);
			if (intro.isOptIn()) {
				return; // the prospect said yes to being introduced; talking comes next
			}
			intro = introductions.findById(intro.id()).orElse(intro);
		}
		if (intro.state() == IntroState.INTRODUCED) {
			move(intro, IntroState.ENGAGED, day, cause, c.evidence(), done);
		}
	}

	private void recordProspect(Introduction intro, List<String> addresses, LocalDate day, String cause) {
		for (String address : addresses) {
			if (address.equalsIgnoreCase(intro.prospectEmail())) {
				return;
			}
		}
		if (!addresses.isEmpty()) {
			String address = addresses.get(0);
			boolean first = introductions.recordProspectEmail(intro.id(), address);
			events.record(intro.id(), day, "PROSPECT_ADDRESS", cause,
					(first ? "the prospect's address: " : "another address of the prospect: ") + address);
		}
	}

	private void postpone(Introduction intro, Classification c, LocalDate day, String cause) {
		LocalDate back = (c.returnDate() != null && c.returnDate().isAfter(day)) ? c.returnDate()
				: day.plusDays(playbook.outOfOfficeDefaultDays());
		LocalDate before = intro.nextStepDue();
		Optional<Sequences.Next> next = sequences.holdUntil(intro.id(), back);
		if (next.isPresent() && (before == null || before.isBefore(next.get().due()))) {
			events.record(intro.id(), day, "POSTPONED", cause, "out of office (" + c.evidence() + "): "
					+ next.get().stepKey() + " moved to " + next.get().due() + " (back " + back + ")");
		}
		else {
			events.record(intro.id(), day, "AUTO_REPLY", cause, c.evidence() + "; nothing due before " + back);
		}
	}

	/**
	 * Applies the effects of a class a person chose for a stored message
	 * ({@code introflow replies reclassify}), through the same rules as a class read from
	 * it. The message is matched again from its stored bytes; nothing is forwarded (the
	 * person correcting it has read it) and no suppression is lifted.
	 * @return the introduction the message matches, empty when it matches none (then
	 * nothing was applied)
	 */
	public Optional<Introduction> reapply(long inboundId, Classification.Kind kind, LocalDate day, String cause) {
		try (InboundStore.Spooled spooled = store.spool(inboundId)) {
			MessageReader.Read read = reader.read(inboundId, spooled.path());
			ReplyMatcher.Match match = matcher.match(read.headers(), read.quotedIds(),
					read.bounce().map(Classification::bouncedAddress).orElse(null));
			if (match.intro() == null) {
				return Optional.empty();
			}
			apply(match, new Classification(kind, "reclassified by a person as " + kind, null, List.of(), null), day,
					cause, new Handling());
			return Optional.of(match.intro());
		}
		catch (UnreadableMessageException | MessagingException ex) {
			throw new IllegalStateException(
					"inbound message " + inboundId + " cannot be read again: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make a temporary copy of inbound message " + inboundId, ex);
		}
	}

	/**
	 * What was done about one message, in words for its owner; whether the state machine
	 * refused a move.
	 */
	private static final class Handling {

		private final List<String> lines = new ArrayList<>();

		private boolean refused;

		void add(String line) {
			lines.add(line);
		}

		@Override
		public String toString() {
			return lines.isEmpty() ? "no state change" : String.join("; ", lines);
		}

	}

}
