package io.introflow.outbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The emails of an introduction as they were sent: each outbox row and, read from its
 * stored MIME (the exact bytes handed to SMTP), its subject, addresses, date, text part
 * and HTML part. What the console shows of an email.
 */
@Component
public class EmailsAsSent {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Session session = Session.getInstance(new Properties());

	EmailsAsSent(JdbcClient jdbc, Outbox outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	/**
	 * One email read from its stored MIME.
	 *
	 * @param introductionId null for mail of no introduction (an unmatched reply
	 * forwarded to a person)
	 * @param state its delivery state: {@code QUEUED}, {@code SENDING}, {@code SENT} or
	 * {@code FAILED}
	 * @param sentAt when the server took it, null until then
	 * @param date the Date header as written
	 * @param text the text part, null when there is none
	 * @param html the HTML part, null when there is none
	 */
	public record AsSent(long id, Long introductionId, String stepKey, String state, OffsetDateTime sentAt,
			String subject, String from, String to, String cc, String date, String text, String html) {
	}

	private record Row(long id, Long introductionId, String stepKey, String state, OffsetDateTime sentAt) {
	}

	private static final String SELECT = "SELECT id, introduction_id, step_key, state, sent_at FROM outbound_email";

	/**
	 * The emails of an introduction, in the order they were composed (forwards of its
	 * replies to the owner too).
	 */
	public List<AsSent> ofIntroduction(long introductionId) {
		return jdbc.sql(SELECT + " WHERE introduction_id = ? ORDER BY id")
			.param(introductionId)
			.query(EmailsAsSent::row)
			.list()
			.stream()
			.map(this::read)
			.toList();
	}

	/** The email of one outbox row, empty when there is no such row. */
	public Optional<AsSent> find(long outboundId) {
		return jdbc.sql(SELECT + " WHERE id = ?").param(outboundId).query(EmailsAsSent::row).optional().map(this::read);
	}

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3), rs.getString(4),
				rs.getObject(5, OffsetDateTime.class));
	}

	private AsSent read(Row row) {
		try {
			MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(outbox.mime(row.id())));
			return new AsSent(row.id(), row.introductionId(), row.stepKey(), row.state(), row.sentAt(),
					message.getSubject(), addresses(message.getFrom()),
					addresses(message.getRecipients(Message.RecipientType.TO)),
					addresses(message.getRecipients(Message.RecipientType.CC)), message.getHeader("Date", ", "),
					part(message, "text/plain"), part(message, "text/html"));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(
					"the stored MIME of outbound email " + row.id() + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static String addresses(Address[] addresses) {
		if (addresses == null) {
			return null;
		}
		return Arrays.stream(addresses)
			.map(a -> (a instanceof InternetAddress internet) ? internet.toUnicodeString() : a.toString())
			.collect(Collectors.joining(", "));
	}

	/** The first part of this type (not an attachment), decoded, searched depth first. */
	private static String part(Part part, String type) throws MessagingException {
		try {
			if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					String found = part(multipart.getBodyPart(i), type);
					if (found != null) {
						return found;
					}
				}
				return null;
			}
			if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
				return part.getContent().toString();
			}
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
