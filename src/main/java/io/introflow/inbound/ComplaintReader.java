package io.introflow.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads a complaint: an Abuse Reporting Format report (RFC 5965),
 * {@code multipart/report;
 * report-type=feedback-report}, that a mailbox provider sends when its user marked our
 * email as spam. The complainant is the report's {@code Original-Rcpt-To}, else
 * {@code Removal-Recipient}, else the {@code To} of the returned message. A report of
 * another type ({@code Feedback-Type: not-spam}, {@code virus}...) is no complaint.
 */
final class ComplaintReader {

	/** The most of a feedback-report part read: its fields are a few lines. */
	private static final int MAX_REPORT = 64 * 1024;

	private static final List<String> COMPLAINTS = List.of("abuse", "fraud", "opt-out", "other");

	private ComplaintReader() {
	}

	static Optional<Classification> read(MimeMessage message) throws MessagingException, IOException {
		ContentType type = contentType(message);
		if (type == null || !type.match("multipart/report")
				|| !"feedback-report".equalsIgnoreCase(type.getParameter("report-type"))
				|| !(message.getContent() instanceof Multipart parts)) {
			return Optional.empty();
		}
		InternetHeaders report = null;
		String originalTo = null;
		for (int i = 0; i < parts.getCount(); i++) {
			Part part = parts.getBodyPart(i);
			ContentType partType = contentType(part);
			if (partType == null) {
				continue;
			}
			if (partType.match("message/feedback-report") && report == null) {
				report = headers(part);
			}
			else if (partType.match("message/rfc822") && part.getContent() instanceof Message original) {
				originalTo = first(original.getRecipients(Message.RecipientType.TO));
			}
			else if (partType.match("text/rfc822-headers")) {
				String to = headers(part).getHeader("To", ",");
				originalTo = (to != null) ? first(InternetAddress.parseHeader(to, false)) : null;
			}
		}
		if (report == null) {
			return Optional.empty();
		}
		String feedbackType = String.valueOf(report.getHeader("Feedback-Type", ",")).strip().toLowerCase(Locale.ROOT);
		if (!COMPLAINTS.contains(feedbackType)) {
			return Optional.empty();
		}
		String complainant = address(report.getHeader("Original-Rcpt-To", ","));
		String from = "Original-Rcpt-To";
		if (complainant == null) {
			complainant = address(report.getHeader("Removal-Recipient", ","));
			from = "Removal-Recipient";
		}
		if (complainant == null) {
			complainant = originalTo;
			from = "the returned message's To";
		}
		if (complainant == null) {
			return Optional.empty();
		}
		String agent = report.getHeader("User-Agent", ",");
		return Optional.of(new Classification(
				Classification.Kind.COMPLAINT, "ARF complaint (Feedback-Type: " + feedbackType
						+ (agent != null ? ", from " + agent.strip() : "") + ") by " + complainant + " (" + from + ")",
				null, List.of(complainant), feedbackType));
	}

	private static ContentType contentType(Part part) {
		try {
			String type = part.getContentType();
			return (type != null) ? new ContentType(type) : null;
		}
		catch (MessagingException ex) {
			return null; // a malformed type is no report
		}
	}

	private static InternetHeaders headers(Part part) throws MessagingException, IOException {
		try (InputStream in = part.getInputStream()) {
			return new InternetHeaders(new ByteArrayInputStream(in.readNBytes(MAX_REPORT)));
		}
	}

	/** The address in a field such as {@code rfc822; ann@x} or {@code <ann@x>}. */
	private static String address(String field) {
		if (field == null) {
			return null;
		}
		String value = field.strip();
		int semicolon = value.indexOf(';');
		if (semicolon >= 0 && value.substring(0, semicolon).indexOf('@') < 0) {
			value = value.substring(semicolon + 1).strip();
		}
		try {
			return first(InternetAddress.parseHeader(value, false));
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	private static String first(Address[] addresses) {
		if (addresses == null) {
			return null;
		}
		for (Address a : addresses) {
			if (a instanceof InternetAddress ia && ia.getAddress() != null && ia.getAddress().contains("@")) {
				return ia.getAddress().toLowerCase(Locale.ROOT);
			}
		}
		return null;
	}

}
