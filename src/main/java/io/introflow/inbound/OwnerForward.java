package io.introflow.inbound;

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
 * names the message.
 */
@Component
class OwnerForward {

	private final Outbox outbox;

	private final IntroflowProperties properties;

	OwnerForward(Outbox outbox, IntroflowProperties properties) {
		this.outbox = outbox;
		this.properties = properties;
	}

	/** @return the outbound id of the forward */
	long forward(long inboundId, byte[] raw, String owner, Introduction intro, String sender, String subject,
			Classification c, String newText) {
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
			.append("The original is attached.\n");
		String cleanSubject = (subject == null) ? "(no subject)" : subject.replaceAll("[\\r\\n\\t]+", " ").strip();
		OutgoingEmail email = new OutgoingEmail("forward-" + inboundId + "." + token + "@" + domain,
				"introflow@" + domain, properties.mail().firmName() + " Introflow", owner, null,
				writer != null ? writer : owner, "Reply to answer: " + truncate(cleanSubject, 200), text.toString(), null,
				null, raw);
		return outbox.enqueue(intro != null ? intro.id() : null, "forward-" + inboundId, email);
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
