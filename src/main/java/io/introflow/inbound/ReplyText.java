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
 * The new text a person wrote in a reply: the plain-text part (or the HTML part turned
 * into text with jsoup) with the quoted history and the signature removed, in the forms
 * the common mail programs (Gmail, Outlook, Apple Mail, Thunderbird, mobile mail) write
 * them in English, German, French, Spanish, Italian, Dutch, Portuguese, Polish, Russian,
 * Ukrainian, Swedish and Japanese.
 */
final class ReplyText {

	/**
	 * A line that introduces a quotation ("On <date>, <name> wrote:" and its
	 * translations, or a date and an address followed by a colon, as Gmail writes it in
	 * Japanese and Yandex in Russian). It must end with a colon.
	 */
	private static final Pattern ATTRIBUTION = Pattern.compile("(?iuU)^.{0,300}("
			+ "\\bwrote|\\bschrieb\\b.{0,120}|\\ba écrit|\\bescribió|\\bha scritto|\\bschreef\\b.{0,120}"
			+ "|\\bgeschreven|\\bescreveu|\\bpisze|\\bnapisał(\\(a\\)|a)?|\\bnapisana przez\\b.{0,200}"
			+ "|\\bпишет|\\bнаписал(\\(а\\)|а)?|\\bпише|\\bнаписав(\\(ла\\))?|\\bнаписала|\\bskrev\\b.{0,120}"
			+ "|のメッセージ|書きました|<[^<>\\s]+@[^<>\\s]+>|\\b[^<>\\s]+@[^<>\\s]+\\.[a-z]{2,})" + "\\s?[:：]$");

	/**
	 * Whether an attribution line looks like one even without quoted lines under it: a
	 * date or an address.
	 */
	private static final Pattern DATE_OR_ADDRESS = Pattern.compile("\\d|@");

	/** A separator line after which everything is the quoted or forwarded original. */
	private static final Pattern SEPARATOR = Pattern
		.compile("(?iuU)^(-{3,}\\s*[\\p{L}' ]{3,40}\\s*-{3,}|_{10,}|={10,})$");

	/**
	 * The names of the fields of Outlook's header block, in the languages its
	 * localisations write them.
	 */
	private static final String FIELDS = "from|sent|date|to|cc|subject|von|gesendet|datum|an|betreff|de|envoyé|à|a"
			+ "|objet|enviado|enviado el|enviada|fecha|para|asunto|da|inviato|data|oggetto|van|verzonden|aan"
			+ "|onderwerp|od|wysłano|do|temat|dw|от|отправлено|дата|кому|тема|копия|від|надіслано|копія|från"
			+ "|skickat|till|ämne|kopia|差出人|送信日時|日付|宛先|件名";

	/** The first line of Outlook's header block: who the quoted message is from. */
	private static final Pattern FROM_FIELD = Pattern
		.compile("(?iuU)^(from|von|de|da|van|od|от|від|från|差出人)\\s?[:：]\\s*\\S.*");

	/** Any other line of Outlook's header block. */
	private static final Pattern FIELD = Pattern.compile("(?iuU)^(" + FIELDS + ")\\s?[:：].*");

	/**
	 * Outlook's plain-text rendering of bold field names: {@code *From:*},
	 * {@code **From:**}.
	 */
	private static final Pattern BOLD_FIELD = Pattern.compile("(?uU)^\\*{1,2}([^*:：]{1,20}?)\\s?([:：])\\s?\\*{1,2}");

	/** The link a footer such as "Get Outlook for iOS" ends with in plain text. */
	private static final Pattern LINK_AT_END = Pattern.compile("\\s*<https?://[^>\\s]*>$");

	/**
	 * A line that starts the signature: the {@code -- } separator, or a mobile mail
	 * program's footer.
	 */
	private static final Pattern SIGNATURE = Pattern
		.compile("(?iuU)^(--|—" + "|sent from my .{1,40}|sent from (outlook|mail|yahoo|gmail|samsung).{0,40}"
				+ "|sent from .{1,30} for (windows|ios|android).{0,40}"
				+ "|von meinem .{1,40} gesendet|gesendet (von|mit) .{1,40}|envoyé (de|depuis) mon .{1,40}"
				+ "|envoyé depuis .{1,40}|enviado desde mi .{1,40}|enviado (do|de|pelo) (meu )?.{1,40}"
				+ "|inviato da .{1,40}|inviato dal mio .{1,40}|(verzonden|verstuurd) (vanaf|met|van) (mijn )?.{1,40}"
				+ "|wysłane z .{1,40}|отправлено с .{1,40}|отправлено из .{1,40}|надіслано з .{1,40}"
				+ "|skickat från .{1,40}|.{1,20}から送信|.{0,40}\\boutlook\\b.{0,20}\\b(ios|android)\\b.{0,10}" + ")$");

	private ReplyText() {
	}

	/**
	 * How deeply the readers descend into parts at most, whatever the configured limit
	 * (which is checked first).
	 */
	static final int MAX_DEPTH = 64;

	/** How much of a text part is read when no limit is given. */
	static final int DEFAULT_MAX_TEXT = 1024 * 1024;

	/** The whole text of the message, before quotes are removed. */
	static String full(Part message) throws MessagingException, IOException {
		return full(message, DEFAULT_MAX_TEXT);
	}

	/**
	 * The whole text of the message, before quotes are removed, reading at most
	 * {@code maxText} bytes of it.
	 */
	static String full(Part message, int maxText) throws MessagingException, IOException {
		String text = plain(message, maxText, 0);
		if (text == null) {
			String html = html(message, maxText, 0);
			text = (html != null) ? htmlToText(html) : "";
		}
		return text;
	}

	/**
	 * What the person wrote: the text without quoted lines ({@code >}), without the
	 * attribution lines that introduce them, and without the signature. Text after a
	 * quotation is kept (bottom-posted and interleaved replies); an attribution with no
	 * quoted lines under it, a separator ("-----Original Message-----", a line of
	 * underscores) and Outlook's header block ({@code From:}/{@code Sent:}, also in bold,
	 * in twelve languages) start history that is not quoted line by line, so everything
	 * from them on is dropped. Lines are stripped; blank lines collapse to one.
	 */
	static String newText(String text) {
		String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			lines[i] = BOLD_FIELD.matcher(lines[i].replace('\u00a0', ' ').strip()).replaceFirst("$1$2");
		}
		StringBuilder kept = new StringBuilder();
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (line.startsWith(">")) {
				continue;
			}
			if (SIGNATURE.matcher(LINK_AT_END.matcher(line).replaceFirst("")).matches()
					|| SEPARATOR.matcher(line).matches() || headerBlock(lines, i)) {
				break;
			}
			int attribution = attribution(lines, i);
			if (attribution > 0) {
				int next = nextNonBlank(lines, i + attribution);
				if (next < lines.length && !lines[next].startsWith(">")) {
					break; // history that is not marked line by line: all of it is
							// someone else's
				}
				i += attribution - 1;
				continue;
			}
			kept.append(line).append('\n');
		}
		return kept.toString().replaceAll("\n{3,}", "\n\n").strip();
	}

	/**
	 * How many lines the attribution starting at {@code i} takes (0 when none): one, or
	 * two when a mail program wrapped it. Without quoted lines under it, it must show a
	 * date or an address.
	 */
	private static int attribution(String[] lines, int i) {
		String line = lines[i];
		if (line.isEmpty()) {
			return 0;
		}
		for (int span = 1; span <= 2 && i + span <= lines.length; span++) {
			String candidate = (span == 1) ? line : line + " " + lines[i + 1];
			if (span == 2 && (lines[i + 1].isEmpty() || lines[i + 1].startsWith(">"))) {
				return 0;
			}
			if (candidate.length() <= 400 && ATTRIBUTION.matcher(candidate).matches()) {
				int next = nextNonBlank(lines, i + span);
				boolean quotedBelow = next < lines.length && lines[next].startsWith(">");
				return (quotedBelow || DATE_OR_ADDRESS.matcher(candidate).find()) ? span : 0;
			}
		}
		return 0;
	}

	/**
	 * Whether Outlook's header block starts at {@code i}: a From line and two more fields
	 * (Sent, To, Subject...) in the lines under it, which may wrap; one field alone
	 * ("Date: any Tuesday works") is a person's text.
	 */
	private static boolean headerBlock(String[] lines, int i) {
		if (!FROM_FIELD.matcher(lines[i]).matches()) {
			return false;
		}
		int fields = 0;
		for (int j = i + 1; j < Math.min(lines.length, i + 8) && fields < 2; j++) {
			if (FIELD.matcher(lines[j]).matches() && !FROM_FIELD.matcher(lines[j]).matches()) {
				fields++;
			}
		}
		return fields >= 2;
	}

	private static int nextNonBlank(String[] lines, int from) {
		int i = from;
		while (i < lines.length && lines[i].isEmpty()) {
			i++;
		}
		return i;
	}

	/**
	 * HTML to text with line breaks where the blocks were; quoted history that mail
	 * programs mark up as such (blockquote, Gmail's and Outlook's quote containers) is
	 * dropped.
	 */
	static String htmlToText(String html) {
		Document doc = Jsoup.parse(html);
		doc.select("div#divRplyFwdMsg, div#appendonsend, div.moz-cite-prefix, script, style, head").remove();
		// a quotation leaves a quoted line behind, so that an attribution left above it
		// (Roundcube writes it as a
		// paragraph of its own) is read as one, and the answer under it is kept
		for (Element quote : doc.select("blockquote, div.gmail_quote, div.yahoo_quoted")) {
			if (quote.parent() != null) {
				quote.replaceWith(new Element("div").text(">"));
			}
		}
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
			// a block starts and ends a line; a paragraph with a margin (not Outlook's
			// MsoNormal, which has none and
			// writes its blank lines as empty paragraphs) is followed by a blank line, as
			// it is shown
			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode t) {
					if (!(t.isBlank() && (out.isEmpty() || out.charAt(out.length() - 1) == '\n'))) {
						out.append(t.text()); // the layout whitespace between blocks is
												// not text
					}
				}
				else if (node instanceof Element e && e.nameIs("br")) {
					out.append('\n');
				}
				else if (node instanceof Element e && e.isBlock()) {
					endLine(out);
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element e && e.isBlock()) {
					endLine(out);
					if (e.nameIs("p") && !e.hasClass("MsoNormal")) {
						out.append('\n');
					}
				}
			}
		}, doc.body());
		return out.toString().replace('\u00a0', ' ').replaceAll("[ \\t]+", " ").replaceAll("\\n\\s*\\n+", "\n\n");
	}

	private static void endLine(StringBuilder out) {
		if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
			out.append('\n');
		}
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
	 * A text part's content, its first {@code maxText} bytes when it is longer; a charset
	 * Java does not know is read as UTF-8 rather than failing the message.
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
