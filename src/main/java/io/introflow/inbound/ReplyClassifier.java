package io.introflow.inbound;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

/**
 * Decides what a matched reply means, in order of precedence: auto-reply, unsubscribe, the CC'd copy of the intro,
 * then a person's answer to the ask (declined, agreed, or a question for the owner).
 */
@Component
public class ReplyClassifier {

	private static final Pattern OUT_OF_OFFICE_SUBJECT = Pattern.compile(
			"(?i)(out of (the )?office|automatic reply|auto[- ]?reply|abwesenheit|absence|fuera de la oficina|afwezig|ausência)");

	private static final Pattern ISO_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

	private final ReplyPhrases phrases;

	public ReplyClassifier(ReplyPhrases phrases) {
		this.phrases = phrases;
	}

	public Classification classify(MimeMessage message, ReplyMatcher.Match match)
			throws MessagingException, IOException {
		String autoSubmitted = message.getHeader("Auto-Submitted", ",");
		String subject = String.valueOf(message.getSubject());
		if (autoSubmitted != null && !autoSubmitted.strip().equalsIgnoreCase("no")) {
			return autoReply(message, "Auto-Submitted: " + autoSubmitted.strip());
		}
		for (String header : List.of("X-Autoreply", "X-Autorespond")) {
			if (message.getHeader(header) != null) {
				return autoReply(message, header + " header");
			}
		}
		if (OUT_OF_OFFICE_SUBJECT.matcher(subject).find()) {
			return autoReply(message, "out-of-office subject: " + subject);
		}
		if (match.via() == ReplyMatcher.Via.UNSUBSCRIBE_ADDRESS) {
			return Classification.of(Classification.Kind.UNSUBSCRIBE, "sent to " + match.address());
		}
		if (match.via() == ReplyMatcher.Via.TRACKING_ADDRESS) {
			return new Classification(Classification.Kind.INTRO_MADE, "copy reached " + match.address(), null,
					prospects(message, match));
		}
		String text = ReplyText.of(message);
		String head = text.length() > 400 ? text.substring(0, 400) : text;
		String phrase = firstMatch(phrases.unsubscribe(), head);
		if (phrase != null && head.length() < 120) {
			return Classification.of(Classification.Kind.UNSUBSCRIBE, "short reply says '" + phrase + "'");
		}
		phrase = firstMatch(phrases.declined(), head);
		if (phrase != null) {
			return Classification.of(Classification.Kind.DECLINED, "reply says '" + phrase + "'");
		}
		phrase = firstMatch(phrases.agreed(), head);
		if (phrase != null) {
			return Classification.of(Classification.Kind.AGREED, "reply says '" + phrase + "'");
		}
		return Classification.of(Classification.Kind.QUESTION,
				"no agree/decline phrase in: " + (head.length() > 120 ? head.substring(0, 120) + "..." : head));
	}

	private static Classification autoReply(MimeMessage message, String evidence)
			throws MessagingException, IOException {
		String text = ReplyText.of(message);
		Matcher m = ISO_DATE.matcher(text);
		LocalDate back = null;
		while (m.find() && back == null) {
			try {
				back = LocalDate.parse(m.group(1));
			}
			catch (DateTimeParseException ex) {
				// not a date after all; look further
			}
		}
		return new Classification(Classification.Kind.AUTO_REPLY, evidence, back, List.of());
	}

	/** The intro copy was addressed to the prospect: every recipient but the owner and our own addresses. */
	private static List<String> prospects(MimeMessage message, ReplyMatcher.Match match) throws MessagingException {
		List<String> found = new ArrayList<>();
		for (String address : ReplyMatcher.recipients(message)) {
			if (!address.endsWith("@" + match.replyDomain()) && !address.equalsIgnoreCase(match.ownerEmail())) {
				found.add(address);
			}
		}
		return found;
	}

	static String firstMatch(List<String> candidates, String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		for (String phrase : candidates) {
			boolean anchored = phrase.startsWith("^");
			String p = (anchored ? phrase.substring(1) : phrase).toLowerCase(Locale.ROOT);
			Pattern pattern = Pattern.compile((anchored ? "^" : "(?<![\\p{L}\\p{N}])") + Pattern.quote(p)
					+ "(?![\\p{L}\\p{N}])");
			if (pattern.matcher(lower).find()) {
				return phrase;
			}
		}
		return null;
	}

}
