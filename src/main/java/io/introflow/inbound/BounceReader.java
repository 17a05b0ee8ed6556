package io.introflow.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Recognises a delivery failure report and reads which recipient failed and why. RFC 3464
 * reports ({@code multipart/report; report-type=delivery-status}) are read with Angus
 * Mail's DSN support, and, when it cannot construct the report, from the text of the
 * {@code message/delivery-status} part; Amazon SES's JSON notice by its fields; the text
 * bounces of Exchange, Gmail, Postfix, Sendmail, Exim, qmail, Domino, GroupWise, KDDI,
 * Biglobe, DragonFly, FML, Mimecast, Barracuda, McAfee, SurfControl and Verizon by their
 * sender, subject and wording. A report of a delivery that succeeded (delivered, relayed,
 * expanded) is not a bounce. The failed recipient comes from {@code Final-Recipient},
 * then {@code X-Failed-Recipients}, then the text.
 */
final class BounceReader {

	/**
	 * What a bounce says.
	 *
	 * @param recipients the failed recipients read, best first (empty when the bounce
	 * names none we can read)
	 * @param status the enhanced status code, 5.x.x permanent, 4.x.x temporary
	 * @param reason why, which decides hard or soft
	 */
	record Bounce(List<String> recipients, String status, BounceReason reason, String evidence) {

		String recipient() {
			return recipients.isEmpty() ? null : recipients.get(0);
		}

		boolean hard() {
			return reason.hard();
		}

	}

	/**
	 * What a message is as a delivery report: a bounce, a report that the delivery
	 * succeeded, or neither.
	 */
	sealed interface Report permits Failed, Succeeded, NotAReport {

	}

	record Failed(Bounce bounce) implements Report {
	}

	record Succeeded(String evidence) implements Report {
	}

	record NotAReport() implements Report {
	}

	private static final Pattern DAEMON = Pattern.compile(
			"(?i)^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounce|bounces|mdaemon|mail delivery subsystem"
					+ "|mail delivery system|microsoft outlook|mail administrator|nobody|noreply-dmarc)\\b");

	private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)(undeliver(able|ed)|delivery status notification"
			+ " \\((failure|delay)\\)|delivery (has )?failed|mail delivery failed|returned mail|failure notice"
			+ "|delivery failure|non[- ]?delivery|unzustellbar|nicht zustellbar|non remis|no se puede entregar"
			+ "|onbestelbaar|não entregue|delivery delayed|delayed mail|warning: message .* delayed|could not send"
			+ "|mail system error|message not delivered|returned to sender|nondeliverable|delivery notification: delivery"
			+ " has failed|message you sent .* undeliverable|delivery report|error sending message)");

	/** A report saying only that delivery went well: never a bounce. */
	private static final Pattern SUCCESS_SUBJECT = Pattern
		.compile("(?i)(delivery status notification \\((success|relay)\\)|^delivered:|successful mail delivery report"
				+ "|^relayed:|delivery notification: delivered)");

	private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

	private static final Pattern SMTP_CODE = Pattern.compile("(?<![\\d.#])([45])\\d\\d(?=[ :-])");

	/** An address; the local part may be quoted ({@code "a..b"@x.example}). */
	static final Pattern ADDRESS = Pattern
		.compile("(?:\"[^\"\\r\\n@<>]{1,64}\"|[A-Za-z0-9._%+'=!#$&*/?^`{|}~-]*[A-Za-z0-9_%+'=!#$&*/?^`{|}~-])"
				+ "@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

	/**
	 * Wording that names the failed address right after it, by program; the first form
	 * that matches wins.
	 */
	private static final List<Pattern> RECIPIENT_FORMS = List.of(
			// Exim: The following address(es) failed:\n\n ann@x.example
			form("following address(?:\\(es\\)|es)? failed:\\s*<?"),
			// Sendmail, McAfee, Biglobe, GroupWise: ----- The following addresses had
			// permanent fatal errors -----
			form("following (?:addresses|address|recipients?) ha(?:d|s|ve) (?:permanent fatal |delivery |transient non-fatal )?"
					+ "(?:errors|problems)[\\s-]*<?"),
			// Gmail: Delivery to the following recipient failed permanently:\n\n
			// ann@x.example
			form("delivery to the following recipients? (?:failed|has been delayed)[^:\\n]*:\\s*<?"),
			// Exchange and Gmail: Your message to ann@x.example couldn't be delivered /
			// Your message wasn't delivered to
			form("your message to:?\\s*<?"),
			form("(?:wasn't|was not|couldn't be|could not be|cannot be|has not been|were not) delivered to[:\\s]*"
					+ "(?:[^\\n@]*\\()?<?"),
			// Exchange: Delivery has failed to these recipients or
			// groups:\n\nann@x.example (Ann)
			form("failed to these recipients or groups[:\\s]*(?:[^\\n@]*\\()?<?"),
			// GroupWise and others: The message that you sent was undeliverable to the
			// following:
			form("undeliverable to the following[^:\\n]*:\\s*<?"),
			// Mimecast: The following message to <ann@x.example> was undeliverable.
			form("following message to\\s*<?"),
			// DragonFly Mail Agent: There was an error delivering your mail to
			// <ann@x.example>.
			form("error delivering your mail to\\s*<?"),
			// Verizon: unable to deliver your message to the following address(es).
			form("unable to deliver (?:your )?message to the following[^:\\n]*[.:]\\s*<?"),
			// Domino: Your message ... was not delivered to: / Failed Recipient:
			// ann@x.example
			form("failed recipients?:\\s*<?"),
			// qmail: <ann@x.example>: Postfix: <ann@x.example>: host said Sendmail:
			// <ann@x.example>... User unknown
			Pattern.compile("(?m)^\\s*<(" + ADDRESS + ")>:"), Pattern.compile("<(" + ADDRESS + ")>(?:\\.\\.\\.|: )"),
			// FML and older Sendmail: ann@x.example... User unknown
			Pattern.compile("(?m)^\\s*(" + ADDRESS + ")\\.\\.\\.\\s"));

	private static Pattern form(String before) {
		return Pattern.compile("(?is)" + before + "(" + ADDRESS + ")");
	}

	/**
	 * Where the returned message begins in a text bounce: its words are ours, not the
	 * server's.
	 */
	private static final Pattern RETURNED = Pattern
		.compile("(?im)^(?:[-\\s]*(?:this is a copy of|below this line is a copy"
				+ "|original message|returned message|the header of the original|undelivered message|message headers follow)"
				+ "|received: from |message-id: )");

	private static final Pattern TEMPORARY = Pattern.compile("(?i)(delayed|will (be )?retr|temporar|deferred"
			+ "|still trying|has not yet been delivered|warning only)");

	private static final Pattern SES = Pattern
		.compile("(?s)\"notificationType\"\\s*:\\s*\"(Bounce|Delivery|Complaint)\"");

	private static final int REPORT_TEXT_MAX = 1024 * 1024;

	private BounceReader() {
	}

	/**
	 * @param ourDomains domains whose addresses are ours, never the failed recipient
	 */
	static Optional<Bounce> read(MimeMessage message, List<String> ourDomains) throws MessagingException, IOException {
		return (report(message, ourDomains) instanceof Failed failed) ? Optional.of(failed.bounce()) : Optional.empty();
	}

	/** What the message is as a delivery report. */
	static Report report(MimeMessage message, List<String> ourDomains) throws MessagingException, IOException {
		String from = fromHeader(message);
		String subject = String.valueOf(message.getSubject());
		if (message.isMimeType("multipart/report")) {
			Report dsn = deliveryStatus(message, ourDomains);
			if (!(dsn instanceof NotAReport)) {
				return dsn;
			}
		}
		String text = reportText(message, 0);
		Matcher ses = SES.matcher(text);
		if (ses.find()) {
			return ses.group(1).equals("Bounce") ? ses(text, ourDomains) : new NotAReport();
		}
		if (SUCCESS_SUBJECT.matcher(subject).find()) {
			return new Succeeded("delivery report (" + subject.strip() + "), not a failure");
		}
		String failedHeader = message.getHeader("X-Failed-Recipients", ",");
		boolean daemon = DAEMON.matcher(from).find() || from.isEmpty() && nullReversePath(message);
		boolean bounceSubject = BOUNCE_SUBJECT.matcher(subject).find();
		if (!(daemon || failedHeader != null || bounceSubject)) {
			return new NotAReport();
		}
		String ownText = ownText(text);
		Set<String> recipients = new LinkedHashSet<>();
		String via = "text report";
		if (failedHeader != null) {
			Matcher m = ADDRESS.matcher(failedHeader);
			while (m.find()) {
				add(recipients, m.group(), ourDomains);
			}
			via = "X-Failed-Recipients";
		}
		int at = -1;
		boolean named = false;
		for (int i = 0; i < RECIPIENT_FORMS.size() && recipients.isEmpty(); i++) {
			Matcher m = RECIPIENT_FORMS.get(i).matcher(ownText);
			while (m.find()) {
				if (add(recipients, m.group(1), ourDomains) && at < 0) {
					at = m.start(1);
					named = true;
				}
			}
		}
		if (recipients.isEmpty()) {
			Matcher m = ADDRESS.matcher(ownText);
			while (m.find()) {
				if (add(recipients, m.group(), ourDomains) && at < 0) {
					at = m.start();
				}
			}
		}
		if (!recipients.isEmpty()) {
			Matcher m = ADDRESS.matcher(ownText); // later candidates: an alias's original
													// address, others named
			while (m.find()) {
				add(recipients, m.group(), ourDomains);
			}
		}
		if (!(daemon || failedHeader != null) && !named && !ENHANCED.matcher(ownText).find()
				&& !SMTP_CODE.matcher(ownText).find()) {
			// a bounce-like subject alone, with no server's wording or code: a person or
			// an auto-reply about delivery
			return new NotAReport();
		}
		String status = status(ownText, subject);
		String near = at >= 0 ? ownText.substring(at, Math.min(ownText.length(), at + 600)) : ownText;
		BounceReason reason = reason(status, near, ownText);
		return failed(List.copyOf(recipients), status, reason,
				"bounce (" + via + ") from " + (from.isEmpty() ? "<>" : from));
	}

	private static Failed failed(List<String> recipients, String status, BounceReason reason, String source) {
		String who = recipients.isEmpty() ? "an unnamed recipient" : recipients.get(0);
		return new Failed(new Bounce(recipients, status, reason, source + ": " + status + " " + reason.label() + " ("
				+ (reason.hard() ? "hard" : "soft") + ") for " + who));
	}

	/**
	 * The words first near the recipient, then anywhere in the server's text, then the
	 * status code.
	 */
	private static BounceReason reason(String status, String near, String text) {
		BounceReason byNear = BounceReason.of(status, near);
		if (byNear != BounceReason.OTHER_PERMANENT && byNear != BounceReason.OTHER_TEMPORARY) {
			return byNear;
		}
		return BounceReason.of(status, text);
	}

	/**
	 * The RFC 3464 report: Angus Mail's reading, else the delivery-status part read as
	 * header text.
	 */
	private static Report deliveryStatus(MimeMessage message, List<String> ourDomains) throws MessagingException {
		List<Map<String, String>> blocks = new ArrayList<>();
		String text = "";
		try {
			Object content = message.getContent();
			if (content instanceof MultipartReport report && report.getReport() instanceof DeliveryStatus status) {
				for (int i = 0; i < status.getRecipientDSNCount(); i++) {
					InternetHeaders dsn = status.getRecipientDSN(i);
					Map<String, String> fields = new LinkedHashMap<>();
					for (String name : List.of("Action", "Status", "Final-Recipient", "Original-Recipient",
							"Diagnostic-Code")) {
						String value = dsn.getHeader(name, " ");
						if (value != null) {
							fields.put(name.toLowerCase(Locale.ROOT), value.strip());
						}
					}
					blocks.add(fields);
				}
			}
		}
		catch (Exception ex) {
			// the library cannot construct this report: read its parts as text below
		}
		try {
			if (blocks.isEmpty()) {
				blocks = statusBlocks(rawPart(message, 0));
			}
			text = reportText(message, 0);
		}
		catch (Exception ex) {
			return new NotAReport();
		}
		if (blocks.isEmpty()) {
			return new NotAReport();
		}
		boolean anyRecipient = false;
		Map<String, String> failed = null;
		List<String> recipients = new ArrayList<>();
		for (Map<String, String> fields : blocks) {
			String action = fields.getOrDefault("action", "").toLowerCase(Locale.ROOT);
			String code = fields.getOrDefault("status", "");
			String recipient = fields.getOrDefault("final-recipient", fields.get("original-recipient"));
			if (recipient == null && action.isEmpty()) {
				continue; // the per-message fields
			}
			anyRecipient = true;
			boolean failure = action.startsWith("failed") || action.startsWith("delayed")
					|| (action.isEmpty() && (code.startsWith("4") || code.startsWith("5")));
			if (!failure) {
				continue;
			}
			if (failed == null) {
				failed = fields;
			}
			for (String named : new String[] { recipient, fields.get("original-recipient") }) {
				Matcher address = ADDRESS.matcher(named != null ? named : "");
				if (address.find()) {
					Set<String> one = new LinkedHashSet<>(recipients);
					add(one, address.group(), ourDomains);
					recipients = new ArrayList<>(one);
				}
			}
		}
		if (failed == null) {
			return anyRecipient ? new Succeeded("delivery-status report: no recipient failed") : new NotAReport();
		}
		String action = failed.getOrDefault("action", "failed").toLowerCase(Locale.ROOT);
		Matcher enhanced = ENHANCED.matcher(failed.getOrDefault("status", ""));
		String diagnostic = failed.get("diagnostic-code");
		String status = enhanced.find() ? enhanced.group() : (action.startsWith("delayed") ? "4.0.0" : "5.0.0");
		if (action.startsWith("delayed") && status.startsWith("5")) {
			status = "4" + status.substring(1);
		}
		BounceReason reason = diagnostic != null ? reason(status, diagnostic, ownText(text))
				: reason(status, ownText(text), "");
		if (action.startsWith("delayed") && reason.hard()) {
			reason = BounceReason.OTHER_TEMPORARY; // still being tried: nothing is known
													// for good yet
		}
		if (recipients.isEmpty()) {
			String failedHeader = message.getHeader("X-Failed-Recipients", ",");
			Set<String> found = new LinkedHashSet<>();
			Matcher m = ADDRESS.matcher(failedHeader != null ? failedHeader : "");
			while (m.find()) {
				add(found, m.group(), ourDomains);
			}
			recipients = new ArrayList<>(found);
		}
		return failed(recipients, status, reason, "delivery-status report: " + action
				+ (diagnostic != null ? " (" + diagnostic.replaceAll("\\s+", " ") + ")" : ""));
	}

	/** The raw text of the first {@code message/delivery-status} part, or "". */
	private static String rawPart(Part part, int depth) throws MessagingException, IOException {
		if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")
				|| part.isMimeType("text/delivery-status")) {
			try (InputStream in = part.getInputStream()) {
				return new String(in.readNBytes(REPORT_TEXT_MAX), StandardCharsets.UTF_8);
			}
		}
		if (depth < ReplyText.MAX_DEPTH && part.isMimeType("multipart/*")) {
			Object content;
			try {
				content = part.getContent();
			}
			catch (Exception ex) {
				return "";
			}
			if (content instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					String raw = rawPart(multipart.getBodyPart(i), depth + 1);
					if (!raw.isEmpty()) {
						return raw;
					}
				}
			}
		}
		return "";
	}

	/** RFC 3464's field groups, separated by empty lines, with folded lines joined. */
	static List<Map<String, String>> statusBlocks(String raw) {
		List<Map<String, String>> blocks = new ArrayList<>();
		Map<String, String> current = new LinkedHashMap<>();
		String last = null;
		for (String line : raw.split("\\r?\\n")) {
			if (line.isBlank()) {
				if (!current.isEmpty()) {
					blocks.add(current);
					current = new LinkedHashMap<>();
				}
				last = null;
			}
			else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
				current.put(last, current.get(last) + " " + line.strip());
			}
			else {
				int colon = line.indexOf(':');
				if (colon > 0) {
					last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
					current.putIfAbsent(last, line.substring(colon + 1).strip());
				}
			}
		}
		if (!current.isEmpty()) {
			blocks.add(current);
		}
		return blocks;
	}

	/**
	 * Amazon SES's bounce notification: JSON with bouncedRecipients, bounceType and each
	 * recipient's status.
	 */
	private static Report ses(String text, List<String> ourDomains) {
		Set<String> recipients = new LinkedHashSet<>();
		Matcher m = Pattern.compile("\"emailAddress\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
		while (m.find()) {
			Matcher a = ADDRESS.matcher(m.group(1));
			if (a.find()) {
				add(recipients, a.group(), ourDomains);
			}
		}
		String type = field(text, "bounceType");
		String subType = field(text, "bounceSubType");
		String diagnostic = field(text, "diagnosticCode");
		Matcher enhanced = ENHANCED.matcher(String.valueOf(field(text, "status")));
		boolean permanent = "Permanent".equalsIgnoreCase(type);
		String status = enhanced.find() ? enhanced.group() : (permanent ? "5.0.0" : "4.0.0");
		String words = (diagnostic != null ? diagnostic : "") + " " + switch (String.valueOf(subType)) {
			case "MailboxFull" -> "mailbox full";
			case "MessageTooLarge" -> "message too large";
			case "ContentRejected", "AttachmentRejected" -> "content rejected";
			case "NoEmail" -> "no such user";
			default -> "";
		};
		BounceReason reason = BounceReason.of(status, words);
		if (!permanent && reason.hard()) {
			reason = BounceReason.OTHER_TEMPORARY; // SES says transient: it may work
													// later
		}
		if (permanent && reason == BounceReason.OTHER_TEMPORARY) {
			reason = BounceReason.OTHER_PERMANENT;
		}
		return failed(List.copyOf(recipients), status, reason,
				"Amazon SES bounce notice (" + type + "/" + subType + ")");
	}

	private static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
		return m.find() ? m.group(1) : null;
	}

	/**
	 * The enhanced status the text states, else one derived from an SMTP code or the
	 * wording.
	 */
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

	/** The server's own words: the text before the returned message. */
	private static String ownText(String text) {
		Matcher m = RETURNED.matcher(text);
		return m.find() && m.start() > 0 ? text.substring(0, m.start()) : text;
	}

	/**
	 * The {@code From} header as written, lower case, without the address brackets when
	 * empty: a null reverse-path ({@code MAILER-DAEMON <>}) is a mail server writing, not
	 * a broken message.
	 */
	private static String fromHeader(MimeMessage message) throws MessagingException {
		String address = ReplyMatcher.sender(message);
		if (address != null) {
			return address;
		}
		String raw = message.getHeader("From", ",");
		return raw == null ? "" : raw.replace("<>", "").replace("\"", "").strip().toLowerCase(Locale.ROOT);
	}

	private static boolean nullReversePath(MimeMessage message) throws MessagingException {
		String path = message.getHeader("Return-Path", ",");
		return path != null && path.replaceAll("\\s", "").equals("<>");
	}

	/**
	 * The human-readable part of the report: its text parts, without the returned
	 * message, up to a megabyte and {@link ReplyText#MAX_DEPTH} levels deep.
	 */
	private static String reportText(Part part, int depth) throws MessagingException, IOException {
		if (part.isMimeType("text/rfc822-headers")) {
			return ""; // our own headers, returned
		}
		if (part.isMimeType("text/plain") || part.isMimeType("application/json")) {
			return ReplyText.content(part, REPORT_TEXT_MAX);
		}
		if (part.isMimeType("text/html")) {
			return ReplyText.htmlToText(ReplyText.content(part, REPORT_TEXT_MAX));
		}
		if (depth < ReplyText.MAX_DEPTH && part.isMimeType("multipart/*")) {
			Object content;
			try {
				content = part.getContent();
			}
			catch (Exception ex) {
				return ""; // a report the library cannot construct: its delivery-status
							// part is read raw
			}
			if (!(content instanceof Multipart multipart)) {
				return "";
			}
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

	/** Adds an address that is not ours, lower case; true when it was added. */
	private static boolean add(Set<String> found, String address, List<String> ourDomains) {
		String lower = address.toLowerCase(Locale.ROOT);
		if (DAEMON.matcher(lower).find() || lower.matches("(?i)^(mailer-daemon|postmaster)@.*")) {
			return false;
		}
		for (String domain : ourDomains) {
			if (lower.endsWith("@" + domain) || lower.endsWith("." + domain)) {
				return false;
			}
		}
		return found.add(lower);
	}

}
