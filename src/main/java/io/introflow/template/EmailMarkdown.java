package io.introflow.template;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * The Markdown of a rendered template body, turned into the two parts of an email. The
 * HTML has raw HTML escaped, links restricted to {@code http}, {@code https} and
 * {@code mailto}, and its styles inline on every element (mail programs drop
 * {@code <style>} sheets); the one-click intro link is a button, and a quote (the
 * forwardable intro) is a bordered table cell, which Outlook desktop draws too. The plain
 * text has paragraphs unbroken, links as "text (address)", and never the intro's
 * {@code mailto:} link: the paragraph holding it is left out, since the text part carries
 * the forwardable block instead.
 * <p>
 * Two link titles are marks that {@code _lib/intro.ftl} sets, never shown:
 * {@link #PAGE_BUTTON}, the button that opens the referrer's introduction page (a button
 * in HTML, left out of the text like the {@code mailto:} button), and {@link #TEXT_ONLY},
 * a paragraph only the text part shows (the page's address, which the HTML has as the
 * button).
 */
final class EmailMarkdown {

	static final String FONT = "font-family: Arial, Helvetica, sans-serif;";

	private static final Parser PARSER = Parser.builder().build();

	/** Where the HTML goes: the body of the email or its small grey footer. */
	enum Style {

		BODY("font-size: 15px; line-height: 22px; color: #222222;"),
		FOOTER("font-size: 12px; line-height: 18px; color: #777777;");

		final String text;

		Style(String text) {
			this.text = text;
		}

	}

	private static final UrlSanitizer SAFE_URLS = new UrlSanitizer() {

		@Override
		public String sanitizeLinkUrl(String url) {
			String lower = url.strip().toLowerCase(Locale.ROOT);
			return (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:"))
					? url.strip() : "";
		}

		@Override
		public String sanitizeImageUrl(String url) {
			String lower = url.strip().toLowerCase(Locale.ROOT);
			return lower.startsWith("https://") ? url.strip() : "";
		}

	};

	private EmailMarkdown() {
	}

	static Node parse(String markdown) {
		return PARSER.parse(markdown);
	}

	/**
	 * The HTML of the Markdown, without a document around it (see {@link EmailLayout}).
	 */
	static String html(String markdown, Style style) {
		HtmlRenderer renderer = HtmlRenderer.builder()
			.escapeHtml(true)
			.sanitizeUrls(true)
			.urlSanitizer(SAFE_URLS)
			.attributeProviderFactory(context -> new InlineStyles(style))
			.nodeRendererFactory(QuoteBox::new)
			.build();
		return renderer.render(withoutTextOnly(parse(markdown)));
	}

	/** An intro link: a {@code mailto:} with a prefilled body. */
	static boolean isIntroLink(String destination) {
		String lower = destination.toLowerCase(Locale.ROOT);
		return lower.startsWith("mailto:") && (lower.contains("?body=") || lower.contains("&body="));
	}

	/** The title that marks the link to the introduction page as the intro button. */
	static final String PAGE_BUTTON = "introflow:page-button";

	/** The title that marks a link whose paragraph only the text part shows. */
	static final String TEXT_ONLY = "introflow:text-only";

	/**
	 * The intro button: the {@code mailto:} intro link, or the link to the introduction
	 * page.
	 */
	private static boolean isIntroButton(Node node) {
		return node instanceof Link link && (isIntroLink(link.getDestination()) || PAGE_BUTTON.equals(link.getTitle()));
	}

	private static boolean holds(Node node, Predicate<Node> test) {
		if (test.test(node)) {
			return true;
		}
		for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
			if (holds(child, test)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTextOnly(Node node) {
		return node instanceof Link link && TEXT_ONLY.equals(link.getTitle());
	}

	/** The document without the paragraphs only the text part shows. */
	private static Node withoutTextOnly(Node document) {
		List<Node> textOnly = new ArrayList<>();
		collectTextOnly(document, textOnly);
		textOnly.forEach(Node::unlink);
		return document;
	}

	private static void collectTextOnly(Node parent, List<Node> out) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
			if ((node instanceof Paragraph || node instanceof Heading) && holds(node, EmailMarkdown::isTextOnly)) {
				out.add(node);
			}
			else {
				collectTextOnly(node, out);
			}
		}
	}

	/** Styles on each element, since Gmail and Outlook ignore style sheets. */
	private record InlineStyles(Style style) implements AttributeProvider {

		@Override
		public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
			String text = FONT + " " + style.text;
			switch (tagName) {
				case "p" -> attributes.put("style", "margin: 0 0 16px 0; " + text);
				case "h1", "h2", "h3", "h4", "h5", "h6" -> attributes.put("style",
						"margin: 0 0 12px 0; " + FONT + " font-size: 18px; line-height: 24px; color: #222222;");
				case "ul", "ol" -> attributes.put("style", "margin: 0 0 16px 0; padding-left: 24px; " + text);
				case "li" -> attributes.put("style", "margin: 0 0 4px 0; " + text);
				case "a" -> attributes.put("style", isIntroButton(node)
						? "display: inline-block; padding: 10px 16px; background-color: #1a73e8; color: #ffffff; "
								+ "text-decoration: none; border-radius: 4px; font-weight: bold; " + FONT
						: "color: #1a73e8; text-decoration: underline;");
				case "hr" -> attributes.put("style", "border: 0; border-top: 1px solid #dddddd; margin: 16px 0;");
				case "pre", "code" -> attributes.put("style", "font-family: Consolas, monospace; font-size: 13px;");
				default -> {
					// other elements inherit from their paragraph
				}
			}
			if (node instanceof Link link
					&& (PAGE_BUTTON.equals(link.getTitle()) || TEXT_ONLY.equals(link.getTitle()))) {
				attributes.remove("title"); // a mark for us, not a tooltip
			}
		}

	}

	/**
	 * A quote as a bordered table cell: Outlook desktop ignores borders and padding on
	 * most other elements.
	 */
	private static final class QuoteBox implements NodeRenderer {

		private final HtmlNodeRendererContext context;

		QuoteBox(HtmlNodeRendererContext context) {
			this.context = context;
		}

		@Override
		public Set<Class<? extends Node>> getNodeTypes() {
			return Set.of(BlockQuote.class);
		}

		@Override
		public void render(Node node) {
			HtmlWriter html = context.getWriter();
			html.line();
			html.raw("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
					+ "style=\"border-collapse: collapse; margin: 0 0 16px 0;\"><tr><td style=\"border: 1px solid "
					+ "#cccccc; padding: 16px 16px 0 16px; background-color: #fafafa;\">");
			html.line();
			for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
				context.render(child);
			}
			html.raw("</td></tr></table>");
			html.line();
		}

	}

	/**
	 * The plain text of the Markdown: blocks separated by an empty line, a paragraph on
	 * one line except at its hard breaks, list items on lines of their own, a quote
	 * between two lines of dashes, links as "text (address)".
	 */
	static String text(String markdown) {
		List<String> blocks = new ArrayList<>();
		blocks(parse(markdown), blocks);
		return String.join("\n\n", blocks);
	}

	private static final String RULE = "-".repeat(40);

	private static void blocks(Node parent, List<String> out) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
			if (node instanceof Paragraph || node instanceof Heading) {
				if (!holdsIntroLink(node)) {
					add(out, inline(node));
				}
			}
			else if (node instanceof ListBlock list) {
				add(out, list(list));
			}
			else if (node instanceof BlockQuote) {
				List<String> quoted = new ArrayList<>();
				blocks(node, quoted);
				add(out, RULE);
				out.addAll(quoted);
				add(out, RULE);
			}
			else if (node instanceof FencedCodeBlock code) {
				add(out, code.getLiteral().stripTrailing());
			}
			else if (node instanceof IndentedCodeBlock code) {
				add(out, code.getLiteral().stripTrailing());
			}
			else if (node instanceof HtmlBlock html) {
				add(out, html.getLiteral().strip());
			}
			else if (node instanceof ThematicBreak) {
				add(out, RULE);
			}
			else {
				blocks(node, out);
			}
		}
	}

	private static void add(List<String> out, String block) {
		if (!block.isBlank()) {
			out.add(block.strip());
		}
	}

	private static String list(ListBlock list) {
		List<String> lines = new ArrayList<>();
		int number = (list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null)
				? ordered.getMarkerStartNumber() : 1;
		for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
			String marker = (list instanceof BulletList) ? "- " : (number++) + ". ";
			List<String> content = new ArrayList<>();
			if (item instanceof ListItem) {
				blocks(item, content);
			}
			lines.add(marker + String.join("\n", content).replace("\n", "\n  "));
		}
		return String.join("\n", lines);
	}

	private static boolean holdsIntroLink(Node node) {
		return holds(node, EmailMarkdown::isIntroButton);
	}

	private static String inline(Node parent) {
		StringBuilder out = new StringBuilder();
		inline(parent, out);
		return out.toString();
	}

	private static void inline(Node parent, StringBuilder out) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
			if (node instanceof Text text) {
				out.append(text.getLiteral());
			}
			else if (node instanceof Code code) {
				out.append(code.getLiteral());
			}
			else if (node instanceof HtmlInline html) {
				out.append(html.getLiteral());
			}
			else if (node instanceof SoftLineBreak) {
				out.append(' ');
			}
			else if (node instanceof HardLineBreak) {
				out.append('\n');
			}
			else if (node instanceof Link link) {
				link(link, out);
			}
			else if (node instanceof Image image) {
				inline(image, out);
			}
			else {
				inline(node, out);
			}
		}
	}

	/**
	 * "text (address)", or only the address when that is the text; a mailto link shows
	 * the bare address.
	 */
	private static void link(Link link, StringBuilder out) {
		String label = inline(link).strip();
		String destination = SAFE_URLS.sanitizeLinkUrl(link.getDestination());
		if (destination.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
			int query = destination.indexOf('?');
			destination = URLDecoder.decode(
					destination.substring(7, (query < 0) ? destination.length() : query).replace("+", "%2B"),
					StandardCharsets.UTF_8);
		}
		if (destination.isEmpty() || destination.equals(label)) {
			out.append(label);
		}
		else {
			out.append(label.isEmpty() ? destination : label + " (" + destination + ")");
		}
	}

}
