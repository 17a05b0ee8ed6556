package io.introflow.inbound;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The phrases that decide what a reply means, edited by marketing ops in
 * {@code batch-config/introflow.yml}. A phrase matches at word boundaries,
 * case-insensitively; a phrase starting with {@code ^} matches only at the very start of
 * the reply's new text. See docs/replies.md for the order they are tried in.
 *
 * @param outOfOffice words in a subject that mark an automatic out-of-office reply
 * @param notRightPerson phrases of a referrer who points to someone else
 * @param declined explicit refusals only; an apology or "not yet" is not one
 * @param notANo phrases that are not a refusal even where a declined phrase matches at
 * the same place ("no problem"), and that make a reply without a yes one for the owner to
 * read ("let me think", "not yet")
 * @param forwardUnmatchedTo where a person's reply that matches no introduction and no
 * known contact is forwarded (empty: it is only reported)
 * @param softBounce when soft bounces of one address suppress it
 */
@ConfigurationProperties("introflow.replies")
public record ReplyPhrases(List<String> declined, List<String> agreed, List<String> unsubscribe,
		List<String> notRightPerson, List<String> outOfOffice, String forwardUnmatchedTo, List<String> notANo,
		SoftBounce softBounce) {

	/**
	 * A full mailbox or a spam filter may pass; an address that keeps failing does not:
	 * {@code count} soft bounces of one address (read from the mailbox or refused at send
	 * time) within {@code days} days suppress it ({@code soft_bounces}). The first one
	 * never does.
	 */
	public record SoftBounce(int count, int days) {

		public SoftBounce {
			if (count < 2 || days < 1) {
				throw new IllegalArgumentException("introflow.replies.soft-bounce: count must be at least 2 and days "
						+ "at least 1 (one soft bounce never suppresses an address)");
			}
		}

	}

	public ReplyPhrases {
		declined = (declined != null) ? declined : List.of();
		agreed = (agreed != null) ? agreed : List.of();
		unsubscribe = (unsubscribe != null) ? unsubscribe : List.of();
		notRightPerson = (notRightPerson != null) ? notRightPerson : List.of();
		outOfOffice = (outOfOffice != null) ? outOfOffice : List.of();
		notANo = (notANo != null) ? notANo : List.of();
		softBounce = (softBounce != null) ? softBounce : new SoftBounce(3, 30);
		forwardUnmatchedTo = (forwardUnmatchedTo != null && !forwardUnmatchedTo.isBlank()) ? forwardUnmatchedTo.strip()
				: null;
	}

}
