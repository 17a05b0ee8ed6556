package io.introflow.template;

/**
 * The shared HTML layout around a rendered body: a complete document with a
 * {@code <head>}, the preheader (the line mail programs show next to the subject) hidden
 * in the body, a centred 600-pixel table holding the body, and the footer below it.
 * Tables and inline styles only, so that Outlook desktop, Gmail and Apple Mail draw the
 * same page.
 */
final class EmailLayout {

	private EmailLayout() {
	}

	static String document(String lang, String subject, String preheader, String body, String footer) {
		StringBuilder html = new StringBuilder(body.length() + footer.length() + 2000);
		html.append("<!DOCTYPE html>\n<html lang=\"")
			.append(escape(lang))
			.append("\">\n<head>\n")
			.append("<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>")
			.append(escape(subject))
			.append("</title>\n</head>\n")
			.append("<body style=\"margin: 0; padding: 0; background-color: #f4f4f4;\">\n");
		if (!preheader.isBlank()) {
			html.append("<div style=\"display: none; max-height: 0; overflow: hidden; mso-hide: all; font-size: 1px; "
					+ "line-height: 1px; color: #f4f4f4;\">")
				.append(escape(preheader))
				.append("</div>\n");
		}
		html.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
				+ "style=\"border-collapse: collapse; background-color: #f4f4f4;\">\n")
			.append("<tr><td align=\"center\" style=\"padding: 24px 12px;\">\n")
			.append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
					+ "style=\"border-collapse: collapse; width: 100%; max-width: 600px; background-color: #ffffff;\">\n")
			.append("<tr><td style=\"padding: 24px 28px 8px 28px; ")
			.append(EmailMarkdown.FONT)
			.append(" font-size: 15px; line-height: 22px; color: #222222;\">\n")
			.append(body)
			.append("</td></tr>\n");
		if (!footer.isBlank()) {
			html.append("<tr><td style=\"padding: 16px 28px 8px 28px; border-top: 1px solid #dddddd; ")
				.append(EmailMarkdown.FONT)
				.append(" font-size: 12px; line-height: 18px; color: #777777;\">\n")
				.append(footer)
				.append("</td></tr>\n");
		}
		html.append("</table>\n</td></tr>\n</table>\n</body>\n</html>\n");
		return html.toString();
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
