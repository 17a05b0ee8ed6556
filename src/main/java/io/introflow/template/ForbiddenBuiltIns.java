package io.introflow.template;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import freemarker.cache.TemplateLoader;

/**
 * Reads templates through another loader and refuses any that uses a built-in which runs text as code or reaches
 * Java: {@code ?eval}, {@code ?interpret}, {@code ?new}, {@code ?api}. {@code ?new} and {@code ?api} are also switched
 * off in the configuration; refusing them here says so at the exact line, before anything renders.
 */
final class ForbiddenBuiltIns implements TemplateLoader {

	private static final Pattern FORBIDDEN = Pattern.compile("\\?\\s*(eval|interpret|new|api)(?![A-Za-z0-9_])");

	private final TemplateLoader delegate;

	ForbiddenBuiltIns(TemplateLoader delegate) {
		this.delegate = delegate;
	}

	/** A template that uses a forbidden built-in, with where. */
	static final class Found extends IOException {

		final String name;

		final int line;

		final int column;

		Found(String name, int line, int column, String builtIn) {
			super("?" + builtIn + " is not allowed in Introflow templates: it would run text as code or reach Java");
			this.name = name;
			this.line = line;
			this.column = column;
		}

	}

	@Override
	public Object findTemplateSource(String name) throws IOException {
		Object source = delegate.findTemplateSource(name);
		return (source != null) ? new Source(name, source) : null;
	}

	@Override
	public long getLastModified(Object source) {
		return delegate.getLastModified(((Source) source).source());
	}

	@Override
	public Reader getReader(Object source, String encoding) throws IOException {
		Source s = (Source) source;
		String text;
		try (Reader reader = delegate.getReader(s.source(), encoding)) {
			StringBuilder all = new StringBuilder();
			char[] buffer = new char[8192];
			int n;
			while ((n = reader.read(buffer)) != -1) {
				all.append(buffer, 0, n);
			}
			text = all.toString();
		}
		Matcher m = FORBIDDEN.matcher(text);
		if (m.find()) {
			int line = 1;
			int lineStart = 0;
			for (int i = 0; i < m.start(); i++) {
				if (text.charAt(i) == '\n') {
					line++;
					lineStart = i + 1;
				}
			}
			throw new Found(s.name(), line, m.start() - lineStart + 1, m.group(1));
		}
		return new StringReader(text);
	}

	@Override
	public void closeTemplateSource(Object source) throws IOException {
		delegate.closeTemplateSource(((Source) source).source());
	}

	private record Source(String name, Object source) {
	}

}
