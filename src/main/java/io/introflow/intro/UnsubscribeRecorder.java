package io.introflow.intro;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import io.introflow.IntroflowProperties;
import io.introflow.Tx;
import io.introflow.contact.ContactRepository;

/**
 * Records that a referrer unsubscribed, the same way whatever carried it: a message to
 * the mailto address of {@code List-Unsubscribe} (read by the reply pipeline) or the
 * one-click link answered by {@code introflow serve}. The address is suppressed (reason
 * {@code unsubscribed}), the introduction's next step is cleared, and an open
 * introduction moves to {@code OPTED_OUT} through the state machine. An unsubscribe is
 * about the address: a closed introduction (won, lost...) still suppresses it, and its
 * state stays, as the state machine says.
 * <p>
 * A second unsubscribe changes nothing the first one did: mail programs retry, and people
 * click twice.
 */
@Service
public class UnsubscribeRecorder {

	private static final Logger log = LoggerFactory.getLogger(UnsubscribeRecorder.class);

	private static final IntroStateMachine MACHINE = new IntroStateMachine();

	private final ContactRepository contacts;

	private final IntroductionRepository introductions;

	private final IntroEvents events;

	private final PublicLinks links;

	private final IntroflowProperties properties;

	private final Tx tx;

	private final Clock clock;

	UnsubscribeRecorder(ContactRepository contacts, IntroductionRepository introductions, IntroEvents events,
			PublicLinks links, IntroflowProperties properties, Tx tx, Clock clock) {
		this.contacts = contacts;
		this.introductions = introductions;
		this.events = events;
		this.links = links;
		this.properties = properties;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * What one unsubscribe did.
	 *
	 * @param suppressed whether the address was suppressed now (false: it already was)
	 * @param before the introduction's state before
	 * @param moved whether the introduction moved to {@code OPTED_OUT} now
	 * @param refusal why the state machine refused the move (a closed introduction), or
	 * null when no move was refused
	 */
	public record Recorded(boolean suppressed, IntroState before, boolean moved, String refusal) {
	}

	/**
	 * Records an unsubscribe of the introduction's referrer, in the caller's transaction.
	 * @param cause what carried it, such as {@code inbound:12} or {@code web:one-click}
	 * @param detail what the event says about it, or null
	 */
	public Recorded record(Introduction intro, LocalDate day, String cause, String detail) {
		boolean suppressed = contacts.suppress(intro.referrerEmail(), "unsubscribed", cause);
		if (intro.nextStep() != null) {
			introductions.scheduleNextStep(intro.id(), null, null);
		}
		if (intro.state() == IntroState.OPTED_OUT || (!intro.state().isOpen() && !suppressed)) {
			// already recorded: the first unsubscribe moved it, or was refused and
			// recorded as such
			return new Recorded(suppressed, intro.state(), false, null);
		}
		if (events.move(intro, IntroState.OPTED_OUT, day, cause, detail)) {
			return new Recorded(suppressed, intro.state(), true, null);
		}
		IntroStateMachine.Transition t = MACHINE.decide(intro.state(), IntroState.OPTED_OUT);
		return new Recorded(suppressed, intro.state(), false, t.legal() ? "state changed concurrently" : t.rejection());
	}

	/**
	 * What the public unsubscribe page may show about a link: as little as possible.
	 *
	 * @param maskedAddress the referrer's address with most of its local part hidden
	 * ({@code a***@acme.example})
	 * @param firmName whose emails stop
	 * @param unsubscribed whether the address is suppressed already
	 */
	public record Link(String maskedAddress, String firmName, boolean unsubscribed) {
	}

	/**
	 * The introduction an unsubscribe link's token names, as its page shows it; changes
	 * nothing.
	 */
	public Optional<Link> lookUp(String token) {
		return introductionOf(token).map(intro -> link(intro, contacts.isSuppressed(intro.referrerEmail())));
	}

	/**
	 * Unsubscribes the referrer of the introduction the link's token names, in a
	 * transaction of its own; empty (and nothing changed) for an unknown or malformed
	 * token.
	 * @param cause such as {@code web:one-click}
	 */
	public Optional<Link> unsubscribe(String token, String cause) {
		try {
			return tx.inNew(() -> unsubscribeNow(token, cause));
		}
		catch (DuplicateKeyException raced) {
			// a second request for the same address suppressed it between our check and
			// our insert: theirs counts
			return tx.inNew(() -> unsubscribeNow(token, cause));
		}
	}

	private Optional<Link> unsubscribeNow(String token, String cause) {
		Optional<Introduction> found = introductionOf(token);
		found.ifPresent(intro -> {
			Recorded done = record(intro, LocalDate.now(clock), cause, "unsubscribed with the link in the email");
			// the introduction's id, never the token: the token is the key to the link
			log.info("Introduction {}: referrer unsubscribed ({}){}", intro.id(), cause,
					done.suppressed() ? "" : "; already unsubscribed, nothing changed");
		});
		return found.map(intro -> link(intro, true));
	}

	private Optional<Introduction> introductionOf(String token) {
		return links.introductionOf(token, PublicLinks.Purpose.UNSUBSCRIBE).flatMap(introductions::findById);
	}

	private Link link(Introduction intro, boolean unsubscribed) {
		return new Link(masked(intro.referrerEmail()), properties.mail().firmName(), unsubscribed);
	}

	/**
	 * {@code alice@acme.example} as {@code a***@acme.example}: enough to recognise one's
	 * own, no more.
	 */
	static String masked(String email) {
		int at = email.lastIndexOf('@');
		if (at <= 0) {
			return "***";
		}
		return email.substring(0, 1).toLowerCase(Locale.ROOT) + "***" + email.substring(at).toLowerCase(Locale.ROOT);
	}

}
