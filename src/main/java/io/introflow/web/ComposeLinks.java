package io.introflow.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The compose links of webmail services that a prefilled intro opens in. Every value is
 * percent-encoded as UTF-8 outside the RFC 3986 unreserved set (a space is {@code %20}, a
 * {@code +} in an address {@code %2B}, never read as a space).
 * {@code static/js/intro-page.js} builds the same links when the page's form fills the
 * intro in.
 */
final class ComposeLinks {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private ComposeLinks() {
	}

	/**
	 * Gmail's compose window: To, Cc, subject ({@code su}) and body, its line breaks as
	 * {@code %0A}.
	 */
	static String gmail(List<String> to, List<String> cc, String subject, String body) {
		List<String> fields = new ArrayList<>(List.of("view=cm", "fs=1"));
		add(fields, "to", String.join(",", to));
		add(fields, "cc", String.join(",", cc));
		add(fields, "su", subject);
		add(fields, "body", lf(body));
		return "https://mail.google.com/mail/?" + String.join("&", fields);
	}

	/**
	 * Outlook on the web's compose deep link: To, subject and body (line breaks as
	 * {@code %0D%0A}). It has no field for the Cc, so the page tells the referrer to add
	 * it.
	 */
	static String outlook(List<String> to, String subject, String body) {
		List<String> fields = new ArrayList<>();
		add(fields, "to", String.join(",", to));
		add(fields, "subject", subject);
		add(fields, "body", lf(body).replace("\n", "\r\n"));
		return "https://outlook.office.com/mail/deeplink/compose" + (fields.isEmpty() ? "" : "?")
				+ String.join("&", fields);
	}

	private static void add(List<String> fields, String name, String value) {
		if (!value.isEmpty()) {
			fields.add(name + "=" + encode(value));
		}
	}

	private static String lf(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n');
	}

	static String encode(String text) {
		StringBuilder out = new StringBuilder(text.length() * 3 / 2);
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return out.toString();
	}

}
