package io.introflow.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The new text a person wrote in a reply: the plain-text part (or the HTML part turned into text with jsoup) with the
 * quoted history and the signature removed, in the forms the common mail programs write them in English, German,
 * French, Spanish, Dutch and Portuguese.
 */
final class ReplyText {

	/** A line that starts the quoted history: everything from it on is someone else's text. */
	private static final Pattern QUOTE_HEADER = Pattern.compile("(?iu)^("
			// Gmail, Apple Mail, Thunderbird: "On <date>, <name> wrote:" and its translations
			+ "on\\b.{0,200}\\bwrote:?|am\\b.{0,200}\\bschrieb.{0,60}:?|le\\b.{0,200}\\ba écrit\\s?:?"
			+ "|el\\b.{0,200}\\bescribió\\s?:?|op\\b.{0,200}\\bschreef.{0,60}:?|em\\b.{0,200}\\bescreveu\\s?:?"
			+ "|.{0,200}\\b(wrote|schrieb|a écrit|escribió|schreef|escreveu)\\s?:"
			// Outlook and others
			+ "|-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original"
			+ "|oorspronkelijk bericht|mensagem original|forwarded message|weitergeleitete nachricht)\\s*-{2,}"
			+ "|_{10,}"
			+ "|(from|von|de|van)\\s?:\\s.*"
			+ ")$");

	/** A line that starts the signature. */
	private static final Pattern SIGNATURE = Pattern.compile("(?iu)^(--|-- |—"
			+ "|sent from my .*|von meinem .* gesendet|envoyé de mon .*|enviado desde mi .*|verzonden (vanaf|met) mijn .*"
			+ "|enviado do meu .*|get outlook for .*)$");

	private ReplyText() {
	}

	/** How deeply the readers descend into parts at most, whatever the configured limit (which is checked first). */
	static final int MAX_DEPTH = 64;

	/** How much of a text part is read when no limit is given. */
	static final int DEFAULT_MAX_TEXT = 1024 * 1024;

	/** The whole text of the message, before quotes are removed. */
	static String full(Part message) throws MessagingException, IOException {
		return full(message, DEFAULT_MAX_TEXT);
	}

	/** The whole text of the message, before quotes are removed, reading at most {@code maxText} bytes of it. */
	static String full(Part message, int maxText) throws MessagingException, IOException {
		String text = plain(message, maxText, 0);
		if (text == null) {
			String html = html(message, maxText, 0);
			text = (html != null) ? htmlToText(html) : "";
		}
		return text;
	}

	static String newText(String text) {
		StringBuilder kept = new StringBuilder();
		for (String line : text.replace("\r\n", "\n").split("\n")) {
			String trimmed = line.strip();
			if (SIGNATURE.matcher(trimmed).matches() || QUOTE_HEADER.matcher(trimmed).matches()) {
				break;
			}
			if (!trimmed.startsWith(">")) {
				kept.append(trimmed).append('\n');
			}
		}
		return kept.toString().strip();
	}

	/**
	 * HTML to text with line breaks where the blocks were; quoted history that mail programs mark up as such
	 * (blockquote, Gmail's and Outlook's quote containers) is dropped.
	 */
	static String htmlToText(String html) {
		Document doc = Jsoup.parse(html);
		doc.select("blockquote, div.gmail_quote, div#divRplyFwdMsg, div#appendonsend, div.moz-cite-prefix, "
				+ "div.yahoo_quoted, script, style, head").remove();
		// Outlook puts its history after a line of its own; keep what comes before it
		for (Element rule : doc.select("hr, div[style*=border-top]")) {
			Node next = rule;
			while (next != null) {
				Node following = next.nextSibling();
				next.remove();
				next = following;
			}
		}
		StringBuilder out = new StringBuilder();
		NodeTraversor.traverse(new NodeVisitor() {
			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode t) {
					out.append(t.text());
				}
				else if (node instanceof Element e && (e.isBlock() || e.nameIs("br"))) {
					out.append('\n');
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element e && e.isBlock()) {
					out.append('\n');
				}
			}
		}, doc.body());
		return out.toString().replace('\u00a0', ' ').replaceAll("[ \\t]+", " ").replaceAll("\\n\\s*\\n+", "\n\n");
	}

	private static String plain(Part part, int maxText, int depth) throws MessagingException, IOException {
		if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			return content(part, maxText);
		}
		if (depth < MAX_DEPTH && part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				String found = plain(body, maxText, depth + 1);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static String html(Part part, int maxText, int depth) throws MessagingException, IOException {
		if (part.isMimeType("text/html")) {
			return content(part, maxText);
		}
		if (depth < MAX_DEPTH && part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = html(multipart.getBodyPart(i), maxText, depth + 1);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/**
	 * A text part's content, its first {@code maxText} bytes when it is longer; a charset Java does not know is read
	 * as UTF-8 rather than failing the message.
	 */
	static String content(Part part, int maxText) throws MessagingException, IOException {
		int size = part.getSize();
		if (size >= 0 && size <= maxText) {
			try {
				return String.valueOf(part.getContent());
			}
			catch (UnsupportedEncodingException ex) {
				// read below, as UTF-8
			}
		}
		try (InputStream in = part.getInputStream()) {
			return new String(in.readNBytes(maxText), charset(part));
		}
	}

	private static Charset charset(Part part) {
		try {
			String name = new ContentType(part.getContentType()).getParameter("charset");
			return Charset.forName(MimeUtility.javaCharset(name != null ? name : "us-ascii"));
		}
		catch (MessagingException | RuntimeException ex) {
			return StandardCharsets.UTF_8;
		}
	}

}
