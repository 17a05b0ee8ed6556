package io.introflow.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Date;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.LineBreaks;

/**
 * Turns an {@link OutgoingEmail} into the exact MIME bytes that will be sent, after
 * checking it in the order simple-java-mail uses: completeness, strict addresses, then
 * line breaks in every header value.
 */
@Component
public class MimeComposer {

	private static final Logger log = LoggerFactory.getLogger(MimeComposer.class);

	private static final Pattern LINE_BREAK = LineBreaks.PATTERN;

	private final Session session = Session.getInstance(new Properties());

	private static final int MAX_LINE_OCTETS = 998;

	private final Clock clock;

	private final Map<String, DkimSigner> signers;

	private final Set<String> unsignedDomains = ConcurrentHashMap.newKeySet();

	@Autowired
	MimeComposer(Clock clock, SendingProperties sending, IntroflowProperties properties) {
		this(clock, sending, properties.home());
	}

	MimeComposer(Clock clock, SendingProperties sending) {
		this(clock, sending, Path.of(""));
	}

	private MimeComposer(Clock clock, SendingProperties sending, Path home) {
		this.clock = clock;
		this.signers = signers(sending.dkim(), home);
	}

	MimeComposer(Clock clock) {
		this(clock, new SendingProperties(null, null, null, null, null, null, null));
	}

	private static Map<String, DkimSigner> signers(SendingProperties.Dkim settings, Path home) {
		Map<String, DkimSigner> signers = new HashMap<>();
		for (DkimKeys.Key key : DkimKeys.load(settings, home).all()) {
			try {
				DkimSigner signer = new DkimSigner(key.domain(), key.selector(), key.privateKey());
				signer.setCheckDomainKey(false);
				// RFC 8058: one-click unsubscribe counts only when the signature covers
				// both headers
				signer.addHeaderToSign("List-Unsubscribe-Post");
				signer.setHeaderCanonicalization(Canonicalization.RELAXED);
				signer.setBodyCanonicalization(Canonicalization.RELAXED);
				signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
				signers.put(key.domain(), signer);
			}
			catch (RuntimeException ex) {
				throw new DkimKeyException("introflow.sending.dkim.private-key " + key.file() + " cannot sign for "
						+ key.domain() + ": " + ex.getMessage());
			}
		}
		return signers;
	}

	/**
	 * The signer for the From domain; none (and one warning per domain) when that domain
	 * has no key.
	 */
	private DkimSigner signerFor(String fromAddress) {
		if (signers.isEmpty()) {
			return null;
		}
		String domain = DkimKeys.domainOf(fromAddress);
		DkimSigner signer = signers.get(domain);
		if (signer == null && unsignedDomains.add(domain)) {
			log.warn("mail From {} goes out without a DKIM signature: introflow.sending.dkim has no key for {} "
					+ "(DMARC will fail unless SPF aligns; run introflow doctor)", domain, domain);
		}
		return signer;
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
			if (email.listUnsubscribe() != null || email.oneClickUnsubscribe() != null) {
				message.setHeader("List-Unsubscribe", listUnsubscribe(email));
			}
			if (email.oneClickUnsubscribe() != null) {
				// RFC 8058: mail programs may POST this to the https link to unsubscribe
				// with one click
				message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			}
			if (email.inReplyTo() != null) {
				message.setHeader("In-Reply-To", email.inReplyTo());
			}
			if (!email.references().isEmpty()) {
				// one id per folded line, as mail programs write it; each id was checked
				// to hold no space or line
				// break, so the folding is the only whitespace and no id can end the
				// header
				message.setHeader("References", String.join("\r\n ", email.references()));
			}
			if (email.attached() != null) {
				// a forward is written by Introflow, not by a person: no auto-responder
				// should answer it (RFC 3834)
				message.setHeader("Auto-Submitted", "auto-generated");
				MimeMultipart mixed = new MimeMultipart("mixed");
				mixed.addBodyPart(part(email.text(), "plain"));
				MimeBodyPart original = new MimeBodyPart();
				// the original as it arrived, unparsed. message/rfc822 allows no base64
				// (RFC 2046), so a message that
				// is not plain 7-bit text in short lines goes as an opaque .eml file
				// instead
				String type = isSevenBitShortLines(email.attached()) ? "message/rfc822" : "application/octet-stream";
				original.setDataHandler(new jakarta.activation.DataHandler(
						new jakarta.mail.util.ByteArrayDataSource(email.attached(), type)));
				original.setHeader("Content-Type", type);
				original.setHeader("Content-Transfer-Encoding", type.startsWith("message") ? "7bit" : "base64");
				original.setDisposition(MimeBodyPart.ATTACHMENT);
				original.setFileName("original.eml");
				mixed.addBodyPart(original);
				message.setContent(mixed);
			}
			else if (!email.attachments().isEmpty()) {
				// the readable parts first, so that every mail program shows the email
				// and lists the files below
				MimeMultipart mixed = new MimeMultipart("mixed");
				if (email.html() != null) {
					MimeBodyPart body = new MimeBodyPart();
					body.setContent(alternative(email));
					mixed.addBodyPart(body);
				}
				else {
					mixed.addBodyPart(part(email.text(), "plain"));
				}
				for (OutgoingEmail.Attachment file : email.attachments()) {
					mixed.addBodyPart(attachment(file));
				}
				message.setContent(mixed);
			}
			else if (email.html() != null) {
				message.setContent(alternative(email));
			}
			else {
				message.setText(crlf(email.text()), "UTF-8", "plain");
				message.setHeader("Content-Transfer-Encoding", "quoted-printable");
			}
			message.saveChanges();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			DkimSigner dkim = signerFor(email.fromAddress());
			if (dkim != null) {
				// a signer keeps its digest and signature objects between messages: one
				// message at a time
				synchronized (dkim) {
					new DkimMessage(message, dkim).writeTo(out);
				}
			}
			else {
				message.writeTo(out);
			}
			byte[] bytes = out.toByteArray();
			checkLines(email.messageId(), bytes);
			return bytes;
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new UnsafeEmailException("message", email.messageId(), "cannot be composed: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The https link first: RFC 8058 one-click applies to it, and mail programs take the
	 * first they can use.
	 */
	private static String listUnsubscribe(OutgoingEmail email) {
		String mailto = (email.listUnsubscribe() != null)
				? "<mailto:" + email.listUnsubscribe() + "?subject=unsubscribe>" : null;
		if (email.oneClickUnsubscribe() == null) {
			return mailto;
		}
		String https = "<" + email.oneClickUnsubscribe() + ">";
		return (mailto != null) ? https + ", " + mailto : https;
	}

	private static MimeMultipart alternative(OutgoingEmail email) throws MessagingException {
		MimeMultipart alternative = new MimeMultipart("alternative");
		// the text part of a template email is written as format=flowed (RFC 3676; see
		// FlowedText)
		alternative.addBodyPart(part(email.text(), "plain; format=flowed; delsp=no"));
		alternative.addBodyPart(part(email.html(), "html"));
		return alternative;
	}

	/** Base64 whatever the file holds: its bytes arrive exactly as they are on disk. */
	private static MimeBodyPart attachment(OutgoingEmail.Attachment file) throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setDataHandler(new jakarta.activation.DataHandler(
				new jakarta.mail.util.ByteArrayDataSource(file.bytes(), file.contentType())));
		part.setDisposition(MimeBodyPart.ATTACHMENT);
		part.setFileName(file.fileName());
		part.setHeader("Content-Transfer-Encoding", "base64");
		return part;
	}

	/**
	 * Quoted-printable keeps every line under 998 octets, however long a mailto link is.
	 */
	private static MimeBodyPart part(String content, String subtype) throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setText(crlf(content), "UTF-8", subtype);
		part.setHeader("Content-Transfer-Encoding", "quoted-printable");
		return part;
	}

	/**
	 * SMTP allows CRLF line ends only and at most 998 octets a line (RFC 5321 4.5.3.1.6).
	 */
	static void checkLines(String messageId, byte[] bytes) {
		int length = 0;
		for (int i = 0; i < bytes.length; i++) {
			byte b = bytes[i];
			if (b == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
				throw new UnsafeEmailException("message", messageId, "has a line feed without carriage return");
			}
			if (b == '\r' || b == '\n') {
				length = 0;
			}
			else if (++length > MAX_LINE_OCTETS) {
				throw new UnsafeEmailException("message", messageId, "has a line longer than 998 octets");
			}
		}
	}

	private static String crlf(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
	}

	private static boolean isSevenBitShortLines(byte[] bytes) {
		int line = 0;
		for (byte b : bytes) {
			if (b < 0 || b == 0) {
				return false;
			}
			line = (b == '\n') ? 0 : line + 1;
			if (line > 998) {
				return false;
			}
		}
		return true;
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
		if (email.listUnsubscribe() != null) {
			strictAddress("List-Unsubscribe", email.listUnsubscribe());
		}
		if (email.oneClickUnsubscribe() != null) {
			oneClickLink(email.oneClickUnsubscribe());
		}
		singleLine("Message-ID", email.messageId());
		singleLine("From name", email.fromName());
		singleLine("To name", email.toName());
		singleLine("Subject", email.subject());
		for (OutgoingEmail.Attachment file : email.attachments()) {
			required("attachment name", file.fileName());
			singleLine("attachment name", file.fileName());
			singleLine("attachment type", file.contentType());
			if (file.fileName().contains("\"") || file.fileName().contains("\\")) {
				throw new UnsafeEmailException("attachment name", file.fileName(), "contains a quote or backslash");
			}
		}
		if (email.inReplyTo() != null && !MESSAGE_ID.matcher(email.inReplyTo()).matches()) {
			throw new UnsafeEmailException("In-Reply-To", email.inReplyTo(), "is not one <id@domain>");
		}
		if (email.references().size() > MAX_REFERENCES) {
			throw new UnsafeEmailException("References", String.valueOf(email.references().size()) + " ids",
					"names more than " + MAX_REFERENCES + " messages");
		}
		for (String id : email.references()) {
			if (id == null || !MESSAGE_ID.matcher(id).matches()) {
				throw new UnsafeEmailException("References", String.valueOf(id), "is not one <id@domain>");
			}
		}
	}

	/**
	 * Threads are short: a References header longer than this is a mistake, not a thread.
	 */
	static final int MAX_REFERENCES = 20;

	/**
	 * A Message-ID as threading headers carry it: printable ASCII without spaces or
	 * brackets inside.
	 */
	private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x3b\\x3d\\x3f-\\x7e]{1,900}>");

	/**
	 * An absolute https URL of printable ASCII with nothing that could end the angle
	 * brackets or the list of {@code List-Unsubscribe} (RFC 2369: a comma inside a link
	 * must be encoded), nor the header.
	 */
	private static void oneClickLink(String url) {
		// the message names the link's host only: its path holds a secret token, and this
		// message is logged
		int scheme = url.indexOf("://");
		int path = (scheme < 0) ? -1 : url.indexOf('/', scheme + 3);
		String shown = (path < 0) ? "(not a URL)" : url.substring(0, path) + "/...";
		if (LINE_BREAK.matcher(url).find()) {
			throw new UnsafeEmailException("List-Unsubscribe link", shown, "contains a line break");
		}
		if (!ONE_CLICK_LINK.matcher(url).matches() || !safeLinkScheme(url)) {
			throw new UnsafeEmailException("List-Unsubscribe link", shown,
					"must be an https URL of printable ASCII without spaces, commas or angle brackets");
		}
	}

	private static boolean safeLinkScheme(String url) {
		try {
			return SendingProperties.safeLinkScheme(new URI(url));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * An absolute http(s) URL; which scheme may go to which host is SendingProperties'
	 * one rule.
	 */
	private static final Pattern ONE_CLICK_LINK = Pattern
		.compile("https?://[\\x21-\\x2b\\x2d-\\x3b\\x3d\\x3f-\\x7e]{1,900}", Pattern.CASE_INSENSITIVE);

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

	/**
	 * Keeps our own Message-ID instead of the one Jakarta Mail would make up on
	 * {@code saveChanges()}.
	 */
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
