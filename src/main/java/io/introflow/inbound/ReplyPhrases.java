package io.introflow.inbound;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The phrases that decide what a reply means, edited by marketing ops in {@code batch-config/introflow.yml}. A phrase
 * matches at word boundaries, case-insensitively; a phrase starting with {@code ^} matches only at the very start of
 * the reply's new text. See docs/replies.md for the order they are tried in.
 *
 * @param outOfOffice words in a subject that mark an automatic out-of-office reply
 * @param notRightPerson phrases of a referrer who points to someone else
 * @param declined explicit refusals only; an apology or "not yet" is not one
 * @param notANo phrases that are not a refusal even where a declined phrase matches at the same place ("no
 * problem"), and that make a reply without a yes one for the owner to read ("let me think", "not yet")
 * @param forwardUnmatchedTo where a person's reply that matches no introduction and no known contact is forwarded
 * (empty: it is only reported)
 */
@ConfigurationProperties("introflow.replies")
public record ReplyPhrases(List<String> declined, List<String> agreed, List<String> unsubscribe,
		List<String> notRightPerson, List<String> outOfOffice, String forwardUnmatchedTo, List<String> notANo) {

	public ReplyPhrases {
		declined = (declined != null) ? declined : List.of();
		agreed = (agreed != null) ? agreed : List.of();
		unsubscribe = (unsubscribe != null) ? unsubscribe : List.of();
		notRightPerson = (notRightPerson != null) ? notRightPerson : List.of();
		outOfOffice = (outOfOffice != null) ? outOfOffice : List.of();
		notANo = (notANo != null) ? notANo : List.of();
		forwardUnmatchedTo = (forwardUnmatchedTo != null && !forwardUnmatchedTo.isBlank()) ? forwardUnmatchedTo.strip()
				: null;
	}

}
