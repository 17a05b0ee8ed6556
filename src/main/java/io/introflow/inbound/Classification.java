package io.introflow.inbound;

import java.time.LocalDate;
import java.util.List;

/**
 * What an inbound message means, with the evidence that decided it: one primary
 * {@link Kind}, and the secondary intents a reply may carry besides (a yes that also asks
 * something is {@code AGREED} with {@link #question()}).
 *
 * @param returnDate for an auto-reply, the return date the text states, or null
 * @param addresses for a bounce the failed recipients read, best first (none when it
 * names none); for a complaint the complainant; for an intro copy the prospect addresses
 * it was sent to; for a prospect's reply the address it came from; for "not the right
 * person" the address given, if any
 * @param detail for a bounce its status and {@link BounceReason#label() reason}
 * ({@code 5.2.2 mailbox_full}); for a complaint its feedback type ({@code abuse}); for
 * "not the right person" the name given, if any
 * @param question the reply also asks something that a person must answer, whatever its
 * kind
 */
public record Classification(Kind kind, String evidence, LocalDate returnDate, List<String> addresses, String detail,
		boolean question) {

	/** The classes, in order of precedence. */
	public enum Kind {

		BOUNCE, COMPLAINT, AUTO_REPLY, UNSUBSCRIBE, INTRO_MADE, PROSPECT_ENGAGED, DECLINED, NOT_RIGHT_PERSON, AGREED,
		QUESTION, NEEDS_REVIEW, UNREADABLE;

		/** A person wrote it (rather than a mail server or an auto-responder). */
		public boolean isHuman() {
			return this != BOUNCE && this != COMPLAINT && this != AUTO_REPLY && this != UNREADABLE;
		}

		/**
		 * The class in plain words, for people: {@code AUTO_REPLY} is "out of office".
		 */
		public String label() {
			return switch (this) {
				case AUTO_REPLY -> "out of office";
				case INTRO_MADE -> "introduction made";
				case NOT_RIGHT_PERSON -> "not the right person";
				case UNSUBSCRIBE -> "unsubscribed";
				default -> name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
			};
		}

		/** The owner must read it before anything more is asked of the referrer. */
		public boolean waitsForOwner() {
			return this == QUESTION || this == NEEDS_REVIEW;
		}

	}

	public Classification(Kind kind, String evidence, LocalDate returnDate, List<String> addresses, String detail) {
		this(kind, evidence, returnDate, addresses, detail, false);
	}

	static Classification of(Kind kind, String evidence) {
		return new Classification(kind, evidence, null, List.of(), null);
	}

	/** The same reading, noting that the reply also asks something. */
	Classification asking() {
		return new Classification(kind, evidence + "; and asks something", returnDate, addresses, detail, true);
	}

	/**
	 * The secondary intents, for people and the {@code inbound_message.intents} column:
	 * empty or {@code question}.
	 */
	public String intents() {
		return question ? "question" : "";
	}

	/**
	 * A bounce whose reason says the address will never work
	 * ({@link BounceReason#hard()}): an unknown user, a missing domain, a disabled
	 * mailbox; not a full mailbox or a spam refusal, whatever their class digit.
	 */
	public boolean isHardBounce() {
		return kind == Kind.BOUNCE && bounceReason() != null && bounceReason().hard();
	}

	/**
	 * The reason of a bounce, from its detail ({@code 5.2.2 mailbox_full}); the status
	 * alone when it has none.
	 */
	public BounceReason bounceReason() {
		if (kind != Kind.BOUNCE) {
			return null;
		}
		if (detail == null || detail.isBlank()) {
			return BounceReason.of(null, evidence);
		}
		String[] words = detail.strip().split("\\s+");
		if (words.length > 1) {
			for (BounceReason reason : BounceReason.values()) {
				if (reason.label().equals(words[1])) {
					return reason;
				}
			}
		}
		return BounceReason.of(words[0], null);
	}

	/** The failed recipient of a bounce, best first; null when the bounce names none. */
	public String bouncedAddress() {
		return addresses.isEmpty() ? null : addresses.get(0);
	}

}
