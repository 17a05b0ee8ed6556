package io.introflow.inbound;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/**
 * Walks a message's MIME tree before anything reads it, and refuses one nested deeper or
 * with more parts than the limits allow (10,000 nested multiparts would otherwise
 * overflow the stack of every reader that walks parts). A part that cannot be parsed is
 * left for the readers, which report it. Stops when its thread is interrupted.
 */
final class MimeShape {

	private final int maxDepth;

	private final int maxParts;

	private int parts;

	private MimeShape(int maxDepth, int maxParts) {
		this.maxDepth = maxDepth;
		this.maxParts = maxParts;
	}

	static void check(Part message, int maxDepth, int maxParts) throws UnreadableMessageException {
		new MimeShape(maxDepth, maxParts).walk(message, 0);
	}

	private void walk(Part part, int depth) throws UnreadableMessageException {
		if (Thread.currentThread().isInterrupted()) {
			throw new UnreadableMessageException("reading was stopped: it took too long");
		}
		if (depth > maxDepth) {
			throw new UnreadableMessageException("MIME parts nested deeper than " + maxDepth + " levels");
		}
		Object content;
		int count;
		try {
			if (!part.isMimeType("multipart/*") && !part.isMimeType("message/rfc822")) {
				return;
			}
			content = part.getContent();
			count = (content instanceof Multipart multipart) ? multipart.getCount() : 1;
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			return; // a part that cannot be taken apart is the readers' to report, if
					// they need it
		}
		parts += count;
		if (parts > maxParts) {
			throw new UnreadableMessageException("more than " + maxParts + " MIME parts");
		}
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < count; i++) {
				try {
					walk(multipart.getBodyPart(i), depth + 1);
				}
				catch (MessagingException ex) {
					return;
				}
			}
		}
		else if (content instanceof Part nested) {
			walk(nested, depth + 1);
		}
	}

}
