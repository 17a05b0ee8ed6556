package io.introflow.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.stereotype.Component;

/**
 * Turns an {@link OutgoingEmail} into the exact MIME bytes that will be sent, after checking it in the order
 * simple-java-mail uses: completeness, strict addresses, then line breaks in every header value.
 */
@Component
public class MimeComposer {

	private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029\\u000B\\u000C]");

	private final Session session = Session.getInstance(new Properties());

	private final Clock clock;

	MimeComposer(Clock clock) {
		this.clock = clock;
	}

	public byte[] compose(OutgoingEmail email) {
		check(email);
		try {
			MimeMessage message = new FixedIdMimeMessage(session, "<" + email.messageId() + ">");
			message.setFrom(new InternetAddress(email.fromAddress(), email.fromName(), "UTF-8"));
			message.setRecipient(MimeMessage.RecipientType.TO,
					new InternetAddress(email.toAddress(), email.toName(), "UTF-8"));
			message.setReplyTo(new InternetAddress[] { new InternetAddress(email.replyTo(), true) });
			message.setSubject(email.subject(), "UTF-8");
			message.setSentDate(Date.from(clock.instant()));
			message.setHeader("List-Unsubscribe", "<mailto:" + email.listUnsubscribe() + "?subject=unsubscribe>");
			if (email.html() != null) {
				MimeMultipart alternative = new MimeMultipart("alternative");
				alternative.addBodyPart(part(email.text(), "plain"));
				alternative.addBodyPart(part(email.html(), "html"));
				message.setContent(alternative);
			}
			else {
				message.setText(crlf(email.text()), "UTF-8", "plain");
			}
			message.saveChanges();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			message.writeTo(out);
			return out.toByteArray();
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new UnsafeEmailException("message", email.messageId(), "cannot be composed: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static MimeBodyPart part(String content, String subtype) throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setText(crlf(content), "UTF-8", subtype);
		return part;
	}

	private static String crlf(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
	}

	static void check(OutgoingEmail email) {
		required("Message-ID", email.messageId());
		required("From", email.fromAddress());
		required("To", email.toAddress());
		required("Reply-To", email.replyTo());
		required("Subject", email.subject());
		required("text part", email.text());
		strictAddress("From", email.fromAddress());
		strictAddress("To", email.toAddress());
		strictAddress("Reply-To", email.replyTo());
		strictAddress("List-Unsubscribe", email.listUnsubscribe());
		singleLine("Message-ID", email.messageId());
		singleLine("From name", email.fromName());
		singleLine("To name", email.toName());
		singleLine("Subject", email.subject());
	}

	private static void required(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new UnsafeEmailException(field, String.valueOf(value), "is missing");
		}
	}

	private static void strictAddress(String field, String value) {
		singleLine(field, value);
		try {
			InternetAddress parsed = new InternetAddress(value, true);
			if (parsed.getPersonal() != null || !value.equals(parsed.getAddress())) {
				throw new UnsafeEmailException(field, value, "must be a bare address");
			}
		}
		catch (AddressException ex) {
			throw new UnsafeEmailException(field, value, "is not a valid address: " + ex.getMessage());
		}
	}

	private static void singleLine(String field, String value) {
		if (value != null && LINE_BREAK.matcher(value).find()) {
			throw new UnsafeEmailException(field, value, "contains a line break");
		}
	}

	/** Keeps our own Message-ID instead of the one Jakarta Mail would make up on {@code saveChanges()}. */
	private static final class FixedIdMimeMessage extends MimeMessage {

		private final String messageId;

		FixedIdMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}

	}

}
