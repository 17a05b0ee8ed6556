package io.introflow.inbound;

import java.time.LocalDate;
import java.util.List;

/**
 * What an inbound message means, with the evidence that decided it.
 *
 * @param returnDate for an auto-reply, the return date the text states, or null
 * @param addresses for a bounce the failed recipient; for an intro copy the prospect addresses it was sent to; for a
 * prospect's reply the address it came from; for "not the right person" the address given, if any
 * @param detail for a bounce its status ({@code 5.1.1}); for "not the right person" the name given, if any
 */
public record Classification(Kind kind, String evidence, LocalDate returnDate, List<String> addresses,
		String detail) {

	/** The classes, in order of precedence. */
	public enum Kind {

		BOUNCE, AUTO_REPLY, UNSUBSCRIBE, INTRO_MADE, PROSPECT_ENGAGED, DECLINED, NOT_RIGHT_PERSON, AGREED, QUESTION,
		UNREADABLE;

		/** A person wrote it (rather than a mail server or an auto-responder). */
		public boolean isHuman() {
			return this != BOUNCE && this != AUTO_REPLY && this != UNREADABLE;
		}

	}

	static Classification of(Kind kind, String evidence) {
		return new Classification(kind, evidence, null, List.of(), null);
	}

	/** A bounce whose status starts with 5: the address does not work. */
	public boolean isHardBounce() {
		return kind == Kind.BOUNCE && detail != null && detail.startsWith("5");
	}

}
