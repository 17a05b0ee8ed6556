package io.introflow.template;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;

import freemarker.cache.TemplateLoader;

/**
 * The front matter of a one-file template: a line {@code ---}, then {@code subject: ...}
 * (required) and {@code preheader: ...} (optional), one line each, then a line
 * {@code ---}; the Markdown body follows.
 * <p>
 * As a {@link TemplateLoader} around the files, it serves each part of a template file as
 * a template of its own: {@code ask/customer/a.md@subject}, {@code ...@preheader} and the
 * body under the file's own name. Each part keeps the file's line and column numbers
 * (everything else is blanked out), so that every error names the real
 * {@code file:line:column}. Files without a front matter (the Markdown of {@code _lib})
 * are served as they are.
 */
final class FrontMatter implements TemplateLoader {

	static final String SUBJECT = "subject";

	static final String PREHEADER = "preheader";

	private static final List<String> FIELDS = List.of(SUBJECT, PREHEADER);

	private final TemplateLoader delegate;

	FrontMatter(TemplateLoader delegate) {
		this.delegate = delegate;
	}

	/** A front matter that cannot be read, with where. */
	static final class Invalid extends IOException {

		final String name;

		final int line;

		final int column;

		Invalid(String name, int line, int column, String message) {
			super(message);
			this.name = name;
			this.line = line;
			this.column = column;
		}

	}

	/** The file name of a part: {@code a.md@subject} is in {@code a.md}. */
	static String file(String name) {
		int at = name.indexOf('@');
		return (at < 0) ? name : name.substring(0, at);
	}

	private record Part(Object source, String file, String part) {
	}

	@Override
	public Object findTemplateSource(String name) throws IOException {
		int at = name.indexOf('@');
		String file = file(name);
		String part = (at < 0) ? "" : name.substring(at + 1);
		if (!part.isEmpty() && !FIELDS.contains(part)) {
			return null;
		}
		Object source = delegate.findTemplateSource(file);
		return (source != null) ? new Part(source, file, part) : null;
	}

	@Override
	public long getLastModified(Object source) {
		return delegate.getLastModified(((Part) source).source());
	}

	@Override
	public Reader getReader(Object source, String encoding) throws IOException {
		Part p = (Part) source;
		StringBuilder all = new StringBuilder();
		try (Reader reader = delegate.getReader(p.source(), encoding)) {
			char[] buffer = new char[8192];
			for (int n; (n = reader.read(buffer)) > 0;) {
				all.append(buffer, 0, n);
			}
		}
		return new StringReader(part(p.file(), all.toString(), p.part()));
	}

	@Override
	public void closeTemplateSource(Object source) throws IOException {
		delegate.closeTemplateSource(((Part) source).source());
	}

	/**
	 * The text of one part ({@code subject}, {@code preheader} or, for the empty name,
	 * the body), with every other line blank and the field's name blanked, so that line
	 * and column numbers are the file's.
	 */
	static String part(String file, String text, String part) throws Invalid {
		String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
		boolean hasFrontMatter = lines[0].strip().equals("---");
		if (!hasFrontMatter) {
			if (file.startsWith("_lib/")) {
				return text;
			}
			throw new Invalid(file, 1, 1, "a template begins with a front matter: a line '---', 'subject: ...', "
					+ "optionally 'preheader: ...', and a line '---'");
		}
		int end = -1;
		int subject = -1;
		int wanted = -1;
		for (int i = 1; i < lines.length && end < 0; i++) {
			String line = lines[i];
			if (line.strip().equals("---")) {
				end = i;
			}
			else if (!line.isBlank()) {
				int colon = line.indexOf(':');
				String field = (colon < 0) ? line.strip() : line.substring(0, colon).strip();
				if (colon < 0 || !FIELDS.contains(field)) {
					throw new Invalid(file, i + 1, 1, "'" + field + "' is not a front-matter field (subject, "
							+ "preheader); the front matter ends with a line '---'");
				}
				if (field.equals(SUBJECT)) {
					subject = i;
				}
				if (field.equals(part)) {
					if (wanted >= 0) {
						throw new Invalid(file, i + 1, 1, "'" + field + "' appears twice");
					}
					wanted = i;
				}
			}
		}
		if (end < 0) {
			throw new Invalid(file, 1, 1, "the front matter has no closing line '---'");
		}
		if (subject < 0) {
			throw new Invalid(file, 1, 1, "the front matter has no 'subject:' line");
		}
		StringBuilder out = new StringBuilder(text.length());
		if (part.isEmpty()) {
			out.append("\n".repeat(end + 1));
			for (int i = end + 1; i < lines.length; i++) {
				out.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
			}
			return out.toString();
		}
		if (wanted < 0) {
			return "";
		}
		String line = lines[wanted];
		int colon = line.indexOf(':');
		return "\n".repeat(wanted) + " ".repeat(colon + 1) + line.substring(colon + 1);
	}

}
