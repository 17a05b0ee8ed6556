package io.introflow.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.intro.Introduction;
import io.introflow.outbound.Outbox;
import io.introflow.outbound.OutgoingEmail;

/**
 * Hands a person's reply to the rep who owns the relationship, through the outbox like
 * every other email: what the person wrote, what Introflow understood and did, and the
 * commands that correct it, with the original attached and {@code Reply-To} the writer so
 * the rep answers them directly. The forward is {@code Auto-Submitted:
 * auto-generated} and threaded to the person's message. One forward per inbound message:
 * its step key names the message. An original larger than
 * {@code introflow.inbound.limits.max-attached-size} is not copied: its headers are
 * attached, and the text says where the whole message is stored. Line ends are made CRLF,
 * as SMTP wants.
 */
@Component
class OwnerForward {

	/** A Message-ID safe to thread to: one {@code <id@domain>}, nothing else. */
	private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x3b\\x3d\\x3f-\\x7e]{1,900}>");

	private final Outbox outbox;

	private final IntroflowProperties properties;

	private final long maxAttached;

	OwnerForward(Outbox outbox, IntroflowProperties properties, InboundProperties inbound) {
		this.outbox = outbox;
		this.properties = properties;
		this.maxAttached = inbound.limits().maxAttachedSize().toBytes();
	}

	/**
	 * @param raw the original, as stored
	 * @param headers its header section, attached instead when the original is too large
	 * @param reply what was read and done, as stored when the message was applied
	 * @param messageId the person's Message-ID, to thread the forward to; or null
	 * @param visibleText what the person wrote, quotes and signature removed
	 * @return the outbound id of the forward
	 */
	long forward(Path raw, byte[] headers, String owner, Introduction intro, InboundStore.OwedForward reply,
			String messageId, String visibleText) throws IOException {
		long size = Files.size(raw);
		boolean whole = size <= maxAttached;
		String domain = properties.mail().sendingDomain();
		String token = (intro != null) ? intro.token() : "unmatched";
		String writer = validOrNull(reply.sender());
		boolean waits = waitsForOwner(reply);
		StringBuilder text = new StringBuilder();
		text.append(writer != null ? writer : "Someone")
			.append(" replied")
			.append(waits ? ", and a person should answer.\n\n" : ".\n\n");
		text.append("What they wrote (quotes and signature removed):\n\n")
			.append(visibleText.isBlank() ? "(nothing)" : visibleText.strip())
			.append("\n\n");
		text.append("What Introflow understood: ").append(label(reply.classification()));
		if (reply.intents() != null) {
			text.append(", and also: ").append(reply.intents());
		}
		text.append(" (").append(reply.evidence()).append(")\n");
		text.append("What Introflow did: ")
			.append(reply.handling() != null ? reply.handling() : "nothing")
			.append('\n');
		if (intro != null) {
			text.append("Introduction: ")
				.append(intro.token())
				.append(", referrer ")
				.append(intro.referrerEmail())
				.append(", state now ")
				.append(intro.state());
			if (intro.prospectName() != null || intro.prospectEmail() != null) {
				text.append(", prospect ")
					.append(intro.prospectName() != null ? intro.prospectName() : "")
					.append(intro.prospectEmail() != null ? " <" + intro.prospectEmail() + ">" : "");
			}
			text.append('\n');
		}
		else {
			text.append("It matches no introduction.\n");
		}
		text.append("Inbound message: ").append(reply.id()).append("\n\n");
		corrections(text, intro, reply.id());
		text.append(writer != null ? "Reply to this email to answer " + writer + " directly. " : "")
			.append(whole ? "The original is attached.\n"
					: "The original (" + size + " bytes) is larger than " + maxAttached
							+ " bytes: its headers are attached, and the whole message is stored as inbound "
							+ "message " + reply.id() + " (table inbound_message).\n");
		String subject = reply.subject();
		String cleanSubject = (subject == null) ? "(no subject)" : subject.replaceAll("[\\r\\n\\t]+", " ").strip();
		String prefix = waits ? "Reply to answer: " : "Reply (" + label(reply.classification()) + "): ";
		String thread = (messageId != null && MESSAGE_ID.matcher(messageId.strip()).matches()) ? messageId.strip()
				: null;
		OutgoingEmail email = new OutgoingEmail("forward-" + reply.id() + "." + token + "@" + domain,
				"introflow@" + domain, properties.mail().firmName() + " Introflow", owner, null,
				writer != null ? writer : owner, prefix + truncate(cleanSubject, 200), text.toString(), null, null,
				crlf(whole ? Files.readAllBytes(raw) : headers), thread);
		return outbox.enqueue(intro != null ? intro.id() : null, "forward-" + reply.id(), email);
	}

	/** The commands that correct what Introflow did (docs/replies.md). */
	private static void corrections(StringBuilder text, Introduction intro, long inboundId) {
		text.append("If Introflow got it wrong:\n");
		if (intro != null) {
			text.append("  introflow intro set ").append(intro.token()).append(" STATE --note \"why\"\n");
			text.append("  introflow intro release ")
				.append(intro.token())
				.append("   (lets the held reminders and asks go on)\n");
		}
		text.append("  introflow replies reclassify ").append(inboundId).append(" CLASS\n\n");
	}

	private static boolean waitsForOwner(InboundStore.OwedForward reply) {
		return reply.intents() != null || "QUESTION".equals(reply.classification())
				|| "NEEDS_REVIEW".equals(reply.classification()) || "NOT_RIGHT_PERSON".equals(reply.classification());
	}

	private static String label(String classification) {
		return classification.toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	/** Every line end as CRLF: a Maildir stores bare LF, and SMTP allows CRLF only. */
	static byte[] crlf(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 40);
		for (int i = 0; i < bytes.length; i++) {
			byte b = bytes[i];
			if (b == '\r') {
				out.write('\r');
				out.write('\n');
				if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
					i++;
				}
			}
			else if (b == '\n') {
				out.write('\r');
				out.write('\n');
			}
			else {
				out.write(b);
			}
		}
		return out.toByteArray();
	}

	private static String validOrNull(String address) {
		if (address == null) {
			return null;
		}
		try {
			new InternetAddress(address, true).validate();
			return address;
		}
		catch (AddressException ex) {
			return null;
		}
	}

	private static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

}
