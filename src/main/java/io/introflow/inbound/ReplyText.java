package io.introflow.inbound;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/**
 * The new text a person wrote in a reply: the plain-text part (or the HTML part stripped of tags) with the quoted
 * history and the signature removed.
 */
final class ReplyText {

	private static final Pattern QUOTE_HEADER = Pattern.compile(
			"^(On .+wrote:|Am .+schrieb.*:|Le .+a écrit.*:|El .+escribió:|Op .+schreef.*:|Em .+escreveu:"
					+ "|-{2,}\\s*Original Message\\s*-{2,}|-{2,}\\s*Ursprüngliche Nachricht\\s*-{2,}|From:\\s.*|Von:\\s.*|De\\s?:\\s.*)$",
			Pattern.CASE_INSENSITIVE);

	private ReplyText() {
	}

	static String of(Part message) throws MessagingException, IOException {
		String text = plain(message);
		if (text == null) {
			String html = html(message);
			text = (html != null) ? html.replaceAll("(?is)<(script|style).*?</\\1>", " ")
				.replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n")
				.replaceAll("<[^>]+>", " ")
				.replace("&nbsp;", " ")
				.replace("&amp;", "&") : "";
		}
		return newText(text);
	}

	static String newText(String text) {
		StringBuilder kept = new StringBuilder();
		for (String line : text.replace("\r\n", "\n").split("\n")) {
			String trimmed = line.strip();
			if (trimmed.equals("--") || QUOTE_HEADER.matcher(trimmed).matches()) {
				break;
			}
			if (!trimmed.startsWith(">")) {
				kept.append(trimmed).append('\n');
			}
		}
		return kept.toString().strip();
	}

	private static String plain(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			return String.valueOf(part.getContent());
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				String found = plain(body);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static String html(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/html")) {
			return String.valueOf(part.getContent());
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = html(multipart.getBodyPart(i));
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
