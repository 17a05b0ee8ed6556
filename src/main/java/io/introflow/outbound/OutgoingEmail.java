package io.introflow.outbound;

import java.util.List;

/**
 * An email ready to be turned into MIME. The only way other features hand mail to
 * {@code outbound}.
 *
 * @param messageId our Message-ID, without angle brackets
 * @param listUnsubscribe the mailto: address for {@code List-Unsubscribe}; null for mail
 * to our own people
 * @param attached a whole message attached as {@code message/rfc822} (a reply forwarded
 * to its owner), or null; such an email is marked {@code Auto-Submitted: auto-generated}
 * @param inReplyTo the Message-ID (with angle brackets) of the message this one answers
 * or forwards, for threading; or null
 * @param references the Message-IDs (with angle brackets) of the thread, oldest first
 * (RFC 5322 3.6.4); by default the one in {@code inReplyTo}, or none
 * @param attachments files attached after the text and HTML parts (a value offer); empty
 * for most emails
 * @param oneClickUnsubscribe the https link of RFC 8058 one-click unsubscribe (with its
 * own public token, never the reply token), listed before the mailto address and
 * announced by {@code List-Unsubscribe-Post}; null when there is none (no
 * {@code public-base-url}, or mail to our own people)
 */
public record OutgoingEmail(String messageId, String fromAddress, String fromName, String toAddress, String toName,
		String replyTo, String subject, String text, String html, String listUnsubscribe, byte[] attached,
		String inReplyTo, List<String> references, List<Attachment> attachments, String oneClickUnsubscribe) {

	public OutgoingEmail {
		references = (references != null) ? List.copyOf(references)
				: (inReplyTo != null) ? List.of(inReplyTo) : List.of();
		attachments = (attachments != null) ? List.copyOf(attachments) : List.of();
	}

	public OutgoingEmail(String messageId, String fromAddress, String fromName, String toAddress, String toName,
			String replyTo, String subject, String text, String html, String listUnsubscribe, byte[] attached,
			String inReplyTo, List<String> references, List<Attachment> attachments) {
		this(messageId, fromAddress, fromName, toAddress, toName, replyTo, subject, text, html, listUnsubscribe,
				attached, inReplyTo, references, attachments, null);
	}

	public OutgoingEmail(String messageId, String fromAddress, String fromName, String toAddress, String toName,
			String replyTo, String subject, String text, String html, String listUnsubscribe, byte[] attached,
			String inReplyTo) {
		this(messageId, fromAddress, fromName, toAddress, toName, replyTo, subject, text, html, listUnsubscribe,
				attached, inReplyTo, null, List.of());
	}

	public OutgoingEmail(String messageId, String fromAddress, String fromName, String toAddress, String toName,
			String replyTo, String subject, String text, String html, String listUnsubscribe, byte[] attached) {
		this(messageId, fromAddress, fromName, toAddress, toName, replyTo, subject, text, html, listUnsubscribe,
				attached, null);
	}

	public OutgoingEmail(String messageId, String fromAddress, String fromName, String toAddress, String toName,
			String replyTo, String subject, String text, String html, String listUnsubscribe) {
		this(messageId, fromAddress, fromName, toAddress, toName, replyTo, subject, text, html, listUnsubscribe, null);
	}

	/** This email with these files attached. */
	public OutgoingEmail withAttachments(List<Attachment> files) {
		return new OutgoingEmail(messageId, fromAddress, fromName, toAddress, toName, replyTo, subject, text, html,
				listUnsubscribe, attached, inReplyTo, references, files, oneClickUnsubscribe);
	}

	/**
	 * This email as a follow-up in a thread: its subject and threading headers replaced.
	 */
	public OutgoingEmail inThread(String subject, String inReplyTo, List<String> references) {
		return new OutgoingEmail(messageId, fromAddress, fromName, toAddress, toName, replyTo, subject, text, html,
				listUnsubscribe, attached, inReplyTo, references, attachments, oneClickUnsubscribe);
	}

	/** This email with this one-click unsubscribe link (null for none). */
	public OutgoingEmail withOneClickUnsubscribe(String url) {
		return new OutgoingEmail(messageId, fromAddress, fromName, toAddress, toName, replyTo, subject, text, html,
				listUnsubscribe, attached, inReplyTo, references, attachments, url);
	}

	/** A file attached to an email. @param contentType such as {@code application/pdf} */
	public record Attachment(String fileName, String contentType, byte[] bytes) {
	}

}
