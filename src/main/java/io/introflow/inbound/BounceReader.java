package io.introflow.inbound;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;

/**
 * Recognises a delivery failure report and reads which recipient failed and why. RFC 3464 reports
 * ({@code multipart/report; report-type=delivery-status}) are read with Angus Mail's DSN support; the text bounces of
 * Exchange, Gmail, Postfix, qmail, Exim and Sendmail by their sender, subject and wording.
 */
final class BounceReader {

	/** What a bounce says. {@code status}: the enhanced status code, 5.x.x permanent, 4.x.x temporary. */
	record Bounce(String recipient, String status, String evidence) {

		boolean hard() {
			return status.startsWith("5");
		}

	}

	private static final Pattern DAEMON = Pattern.compile(
			"(?i)^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounce|bounces|mdaemon)@");

	private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)(undeliver(able|ed)|delivery status notification"
			+ "|delivery (has )?failed|mail delivery failed|returned mail|failure notice|delivery failure"
			+ "|non[- ]?delivery|unzustellbar|nicht zustellbar|non remis|no se puede entregar|onbestelbaar"
			+ "|não entregue|delivery delayed|delayed mail|warning: message .* delayed)");

	private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

	private static final Pattern SMTP_CODE = Pattern.compile("(?<![\\d.#])([45])\\d\\d(?=[ -])");

	static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

	/** Wording that names the failed address right after it, by program. */
	private static final List<Pattern> RECIPIENT_FORMS = List.of(
			// qmail: <ann@x.example>:
			Pattern.compile("(?m)^<(" + ADDRESS + ")>:"),
			// Exim: The following address(es) failed:\n\n  ann@x.example
			Pattern.compile("(?is)following address(?:\\(es\\)|es)? failed:\\s*<?(" + ADDRESS + ")"),
			// Gmail: Your message wasn't delivered to ann@x.example because
			Pattern.compile("(?is)(?:wasn't|was not|couldn't be|could not be) delivered to\\s*<?(" + ADDRESS + ")"),
			// Exchange / Outlook: Delivery has failed to these recipients or groups:\n\nann@x.example (Ann)
			Pattern.compile("(?is)(?:failed to these recipients or groups|could not be delivered to)[:\\s]*"
					+ "(?:[^\\n@]*\\()?<?(" + ADDRESS + ")"),
			// Sendmail and Postfix prose: <ann@x.example>... User unknown / <ann@x.example>: host said
			Pattern.compile("<(" + ADDRESS + ")>(?:\\.\\.\\.|: )"),
			Pattern.compile("(?i)(?:final-recipient|original-recipient):\\s*rfc822;\\s*<?(" + ADDRESS + ")"));

	private static final Pattern TEMPORARY = Pattern.compile("(?i)(delayed|will (be )?retr|temporar|deferred"
			+ "|still trying|has not yet been delivered)");

	private static final int REPORT_TEXT_MAX = 1024 * 1024;

	private BounceReader() {
	}

	/** @param ourDomains domains whose addresses are ours, never the failed recipient */
	static Optional<Bounce> read(MimeMessage message, List<String> ourDomains) throws MessagingException, IOException {
		if (message.isMimeType("multipart/report")) {
			Optional<Bounce> dsn = deliveryStatus(message);
			if (dsn.isPresent()) {
				return dsn;
			}
		}
		String from = ReplyMatcher.sender(message);
		String subject = String.valueOf(message.getSubject());
		String failedHeader = message.getHeader("X-Failed-Recipients", ",");
		boolean looksLikeBounce = (from != null && DAEMON.matcher(from).find()) || failedHeader != null
				|| BOUNCE_SUBJECT.matcher(subject).find();
		if (!looksLikeBounce) {
			return Optional.empty();
		}
		String text = reportText(message, 0);
		String recipient = null;
		if (failedHeader != null) {
			Matcher m = ADDRESS.matcher(failedHeader);
			recipient = m.find() ? m.group() : null;
		}
		for (int i = 0; i < RECIPIENT_FORMS.size() && recipient == null; i++) {
			Matcher m = RECIPIENT_FORMS.get(i).matcher(text);
			while (m.find() && recipient == null) {
				if (!ours(m.group(1), ourDomains, from)) {
					recipient = m.group(1);
				}
			}
		}
		if (recipient == null) {
			Matcher m = ADDRESS.matcher(text);
			while (m.find() && recipient == null) {
				if (!ours(m.group(), ourDomains, from)) {
					recipient = m.group();
				}
			}
		}
		if (recipient == null) {
			return Optional.empty();
		}
		String status = status(text, subject);
		return Optional.of(new Bounce(recipient.toLowerCase(Locale.ROOT), status,
				"bounce (" + (failedHeader != null ? "X-Failed-Recipients" : "text report") + ") from " + from
						+ ": " + status + " for " + recipient.toLowerCase(Locale.ROOT)));
	}

	private static Optional<Bounce> deliveryStatus(MimeMessage message) throws MessagingException, IOException {
		Object content = message.getContent();
		if (!(content instanceof MultipartReport report) || !(report.getReport() instanceof DeliveryStatus status)) {
			return Optional.empty();
		}
		for (int i = 0; i < status.getRecipientDSNCount(); i++) {
			InternetHeaders dsn = status.getRecipientDSN(i);
			String action = String.valueOf(dsn.getHeader("Action", null)).strip().toLowerCase(Locale.ROOT);
			String code = String.valueOf(dsn.getHeader("Status", null)).strip();
			String recipient = dsn.getHeader("Final-Recipient", null);
			if (recipient == null) {
				recipient = dsn.getHeader("Original-Recipient", null);
			}
			if (recipient == null || !(action.equals("failed") || action.equals("delayed"))) {
				continue;
			}
			Matcher address = ADDRESS.matcher(recipient);
			Matcher enhanced = ENHANCED.matcher(code);
			if (!address.find()) {
				continue;
			}
			String s = enhanced.find() ? enhanced.group() : (action.equals("failed") ? "5.0.0" : "4.0.0");
			String diagnostic = dsn.getHeader("Diagnostic-Code", null);
			return Optional.of(new Bounce(address.group().toLowerCase(Locale.ROOT), s, "delivery-status report: "
					+ action + " " + s + " for " + address.group().toLowerCase(Locale.ROOT)
					+ (diagnostic != null ? " (" + diagnostic.strip() + ")" : "")));
		}
		return Optional.empty();
	}

	/** The enhanced status the text states, else one derived from an SMTP code or the wording. */
	private static String status(String text, String subject) {
		Matcher enhanced = ENHANCED.matcher(text);
		if (enhanced.find()) {
			return enhanced.group();
		}
		Matcher code = SMTP_CODE.matcher(text);
		if (code.find()) {
			return code.group(1) + ".0.0";
		}
		return (TEMPORARY.matcher(subject).find() || TEMPORARY.matcher(text).find()) ? "4.0.0" : "5.0.0";
	}

	/**
	 * The human-readable part of the report: its text parts, without the returned message, up to a megabyte and
	 * {@link ReplyText#MAX_DEPTH} levels deep.
	 */
	private static String reportText(Part part, int depth) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			return ReplyText.content(part, REPORT_TEXT_MAX);
		}
		if (part.isMimeType("text/html")) {
			return ReplyText.htmlToText(ReplyText.content(part, REPORT_TEXT_MAX));
		}
		if (depth < ReplyText.MAX_DEPTH && part.isMimeType("multipart/*")
				&& part.getContent() instanceof Multipart multipart) {
			List<String> texts = new ArrayList<>();
			int length = 0;
			for (int i = 0; i < multipart.getCount() && length < REPORT_TEXT_MAX; i++) {
				BodyPart body = multipart.getBodyPart(i);
				if (body.isMimeType("text/*") || body.isMimeType("multipart/*")) {
					String text = reportText(body, depth + 1);
					texts.add(text);
					length += text.length();
				}
			}
			return String.join("\n", texts);
		}
		return "";
	}

	private static boolean ours(String address, List<String> ourDomains, String from) {
		String lower = address.toLowerCase(Locale.ROOT);
		if (lower.equals(from) || DAEMON.matcher(lower).find()) {
			return true;
		}
		for (String domain : ourDomains) {
			if (lower.endsWith("@" + domain) || lower.endsWith("." + domain)) {
				return true;
			}
		}
		return false;
	}

}
