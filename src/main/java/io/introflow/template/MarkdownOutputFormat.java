package io.introflow.template;

import java.io.IOException;
import java.io.Writer;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;

/**
 * FreeMarker's output format for template bodies, which are Markdown: every
 * {@code ${...}} value is escaped so that it reads as literal text, whatever it holds.
 * Every ASCII punctuation character gets a backslash (CommonMark turns {@code \*} back
 * into {@code *} and never into emphasis, a link, a heading or HTML), and line breaks
 * inside a value become spaces, so a value cannot start a block of its own (a heading, a
 * list, a code block).
 */
final class MarkdownOutputFormat extends CommonMarkupOutputFormat<MarkdownOutputFormat.Markup> {

	static final MarkdownOutputFormat INSTANCE = new MarkdownOutputFormat();

	private MarkdownOutputFormat() {
	}

	/** Markdown text that FreeMarker inserts without escaping it again. */
	static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {

		Markup(String plainTextContent, String markupContent) {
			super(plainTextContent, markupContent);
		}

		@Override
		public MarkdownOutputFormat getOutputFormat() {
			return INSTANCE;
		}

	}

	@Override
	public String getName() {
		return "Markdown";
	}

	@Override
	public String getMimeType() {
		return "text/markdown";
	}

	@Override
	public void output(String textToEsc, Writer out) throws IOException {
		out.write(escapePlainText(textToEsc));
	}

	@Override
	public String escapePlainText(String plainTextContent) {
		return escape(plainTextContent);
	}

	/** The value as Markdown that renders exactly as the value. */
	static String escape(String value) {
		String flat = value.replaceAll("\\r\\n|[\\r\\n\\u0085\\u2028\\u2029\\u000B\\u000C]", " ").strip();
		StringBuilder out = new StringBuilder(flat.length() + 16);
		for (int i = 0; i < flat.length(); i++) {
			char c = flat.charAt(i);
			if (c < 128 && isPunctuation(c)) {
				out.append('\\');
			}
			out.append(c);
		}
		return out.toString();
	}

	private static boolean isPunctuation(char c) {
		return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
	}

	@Override
	public boolean isLegacyBuiltInBypassed(String builtInName) {
		return false;
	}

	@Override
	protected Markup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
		return new Markup(plainTextContent, markupContent);
	}

}
