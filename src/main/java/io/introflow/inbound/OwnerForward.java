package io.introflow.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.intro.Introduction;
import io.introflow.outbound.Outbox;
import io.introflow.outbound.OutgoingEmail;

/**
 * Hands a person's reply that needs a person (a question, a pointer to someone else, a reply nobody can match) to the
 * rep who owns the relationship, through the outbox like every other email: the original attached, the context on
 * top, {@code Reply-To} the writer so the rep answers them directly. One forward per inbound message: its step key
 * names the message. An original larger than {@code introflow.inbound.limits.max-attached-size} is not copied: its
 * headers are attached, and the text says where the whole message is stored. Line ends are made CRLF, as SMTP wants.
 */
@Component
class OwnerForward {

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
	 * @return the outbound id of the forward
	 */
	long forward(long inboundId, Path raw, byte[] headers, String owner, Introduction intro, String sender,
			String subject, Classification c, String newText) throws IOException {
		long size = Files.size(raw);
		boolean whole = size <= maxAttached;
		String domain = properties.mail().sendingDomain();
		String token = (intro != null) ? intro.token() : "unmatched";
		String writer = validOrNull(sender);
		StringBuilder text = new StringBuilder();
		text.append(writer != null ? writer : "Someone").append(" replied, and a person should answer.\n\n");
		text.append("Read as: ").append(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" (")
			.append(c.evidence()).append(")\n");
		if (intro != null) {
			text.append("Introduction: ").append(intro.token()).append(", referrer ").append(intro.referrerEmail())
				.append(", state ").append(intro.state());
			if (intro.prospectName() != null || intro.prospectEmail() != null) {
				text.append(", prospect ").append(intro.prospectName() != null ? intro.prospectName() : "")
					.append(intro.prospectEmail() != null ? " <" + intro.prospectEmail() + ">" : "");
			}
			text.append('\n');
		}
		else {
			text.append("It matches no introduction.\n");
		}
		text.append("Inbound message: ").append(inboundId).append("\n\n");
		text.append("What they wrote (quotes and signature removed):\n\n").append(newText.isBlank() ? "(nothing)"
				: newText).append("\n\n");
		text.append(writer != null ? "Reply to this email to answer " + writer + " directly. " : "")
			.append(whole ? "The original is attached.\n" : "The original (" + size + " bytes) is larger than "
					+ maxAttached + " bytes: its headers are attached, and the whole message is stored as inbound "
					+ "message " + inboundId + " (table inbound_message).\n");
		String cleanSubject = (subject == null) ? "(no subject)" : subject.replaceAll("[\\r\\n\\t]+", " ").strip();
		OutgoingEmail email = new OutgoingEmail("forward-" + inboundId + "." + token + "@" + domain,
				"introflow@" + domain, properties.mail().firmName() + " Introflow", owner, null,
				writer != null ? writer : owner, "Reply to answer: " + truncate(cleanSubject, 200), text.toString(), null,
				null, crlf(whole ? Files.readAllBytes(raw) : headers));
		return outbox.enqueue(intro != null ? intro.id() : null, "forward-" + inboundId, email);
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
