package io.introflow.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and parses {@code mailto:} links per RFC 6068, so that a client introduces with
 * one click and the link says exactly what the prefilled intro says.
 * <p>
 * Every character outside the RFC 3986 unreserved set is percent-encoded as UTF-8
 * (addresses keep their {@code @}), line breaks in the body become {@code %0D%0A}, and a
 * space is {@code %20}, never {@code +}. Mail programs and browsers truncate long links,
 * so {@link #build(Parts, int, String)} keeps the link within a length budget by
 * shortening the body at a line boundary and appending a notice; the forwardable block in
 * the email carries the full text.
 */
public final class MailtoLink {

	/** Links longer than this are unreliable in common mail programs and browsers. */
	public static final int DEFAULT_MAX_LENGTH = 2000;

	private static final String SCHEME = "mailto:";

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private MailtoLink() {
	}

	/** The parts of a three-way intro a link carries. */
	public record Parts(List<String> to, List<String> cc, String subject, String body) {

		public Parts {
			to = List.copyOf(to);
			cc = List.copyOf(cc);
			subject = subject == null ? "" : subject;
			body = body == null ? "" : crlf(body);
		}

	}

	/** The full link, whatever its length. */
	public static String build(Parts parts) {
		StringBuilder link = new StringBuilder(SCHEME);
		link.append(String.join(",", parts.to().stream().map(MailtoLink::encodeAddress).toList()));
		List<String> fields = new ArrayList<>();
		if (!parts.cc().isEmpty()) {
			fields.add("cc=" + String.join(",", parts.cc().stream().map(MailtoLink::encodeAddress).toList()));
		}
		if (!parts.subject().isEmpty()) {
			fields.add("subject=" + encode(parts.subject(), false));
		}
		if (!parts.body().isEmpty()) {
			fields.add("body=" + encode(parts.body(), false));
		}
		if (!fields.isEmpty()) {
			link.append('?').append(String.join("&", fields));
		}
		return link.toString();
	}

	/**
	 * The link within {@code maxLength} characters: when the full link is longer, whole
	 * lines are dropped from the end of the body and {@code notice} is appended. Fails
	 * when even an empty body does not fit, since a link without its recipients or
	 * subject would be wrong rather than short.
	 */
	public static String build(Parts parts, int maxLength, String notice) {
		String full = build(parts);
		if (full.length() <= maxLength) {
			return full;
		}
		String[] lines = parts.body().split("\r\n", -1);
		for (int kept = lines.length - 1; kept >= 0; kept--) {
			String body = String.join("\r\n", List.of(lines).subList(0, kept));
			String shortened = body.isEmpty() ? notice : body + "\r\n\r\n" + notice;
			String link = build(new Parts(parts.to(), parts.cc(), parts.subject(), shortened));
			if (link.length() <= maxLength) {
				return link;
			}
		}
		throw new IllegalArgumentException("mailto link for subject '" + parts.subject() + "' exceeds " + maxLength
				+ " characters even without a body; shorten the subject or the recipients");
	}

	/** Reads a link back into its parts, as a mail program would. */
	public static Parts parse(String link) {
		if (!link.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			throw new IllegalArgumentException("not a mailto link: " + link);
		}
		String rest = link.substring(SCHEME.length());
		int query = rest.indexOf('?');
		String toPart = query < 0 ? rest : rest.substring(0, query);
		List<String> to = new ArrayList<>(addresses(toPart));
		List<String> cc = new ArrayList<>();
		String subject = "";
		String body = "";
		if (query >= 0) {
			for (String field : rest.substring(query + 1).split("&")) {
				int eq = field.indexOf('=');
				String name = decode(eq < 0 ? field : field.substring(0, eq)).toLowerCase();
				String value = eq < 0 ? "" : field.substring(eq + 1);
				switch (name) {
					case "to" -> to.addAll(addresses(value));
					case "cc" -> cc.addAll(addresses(value));
					case "subject" -> subject = decode(value);
					case "body" -> body = decode(value);
					default -> {
						// RFC 6068 allows other header fields; a link we did not write is
						// read for the parts we use.
					}
				}
			}
		}
		return new Parts(to, cc, subject, body);
	}

	private static List<String> addresses(String encoded) {
		List<String> result = new ArrayList<>();
		for (String address : encoded.split(",")) {
			String decoded = decode(address).strip();
			if (!decoded.isEmpty()) {
				result.add(decoded);
			}
		}
		return result;
	}

	private static String encodeAddress(String address) {
		return encode(address, true);
	}

	private static String encode(String text, boolean keepAt) {
		StringBuilder out = new StringBuilder(text.length() * 3 / 2);
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if (isUnreserved(c) || (keepAt && c == '@')) {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return out.toString();
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	private static String decode(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		int i = 0;
		while (i < text.length()) {
			int c = text.codePointAt(i);
			if (c == '%' && i + 2 < text.length()) {
				bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
				i += 3;
			}
			else {
				byte[] raw = Character.toString(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(raw, 0, raw.length);
				i += Character.charCount(c);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static String crlf(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
	}

}
