package io.introflow.outbound;

/**
 * An email ready to be turned into MIME. The only way other features hand mail to {@code outbound}.
 *
 * @param messageId our Message-ID, without angle brackets
 * @param listUnsubscribe the mailto: address for {@code List-Unsubscribe}
 */
public record OutgoingEmail(String messageId, String fromAddress, String fromName, String toAddress, String toName,
		String replyTo, String subject, String text, String html, String listUnsubscribe) {
}
