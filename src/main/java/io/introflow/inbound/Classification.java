package io.introflow.inbound;

import java.time.LocalDate;
import java.util.List;

/**
 * What a reply means, with the evidence that decided it.
 *
 * @param returnDate for an auto-reply, the return date the text states, or null
 * @param addresses for an intro copy, the prospect addresses it was sent to
 */
public record Classification(Kind kind, String evidence, LocalDate returnDate, List<String> addresses) {

	/** The classes, in order of precedence. */
	public enum Kind {

		AUTO_REPLY, UNSUBSCRIBE, INTRO_MADE, DECLINED, AGREED, QUESTION, UNREADABLE

	}

	static Classification of(Kind kind, String evidence) {
		return new Classification(kind, evidence, null, List.of());
	}

}
