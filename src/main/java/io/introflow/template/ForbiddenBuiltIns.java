package io.introflow.template;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import freemarker.cache.TemplateLoader;

import io.introflow.LineBreaks;

/**
 * Reads templates through another loader and refuses, before anything is parsed or
 * rendered, any template that could weaken the engine: built-ins that run text as code or
 * reach Java ({@code ?eval}, {@code ?interpret}, {@code ?new}, {@code ?api}); every way
 * to switch escaping off ({@code ?no_esc}, {@code ?markup_string}, {@code #noautoesc},
 * {@code #outputformat}, {@code #noescape}, {@code #escape}, the {@code output_format}
 * and {@code auto_esc} parameters of {@code #ftl}); regular expressions (a backtracking
 * pattern ignores the render's time limit); paddings wider than {@value #MAX_PAD} (a
 * memory bomb in one step); includes and imports that climb out with {@code ..} or take
 * their path from a value; line-break characters other than a plain line end, and any
 * line break inside a subject; a file that is a link to somewhere outside the templates
 * folder. The scan is of the source, so it applies to any file the engine loads, whatever
 * its format, and names every finding at its line and column.
 */
final class ForbiddenBuiltIns implements TemplateLoader {

	static final int MAX_PAD = 200;

	private static final String WORD_END = "(?![A-Za-z0-9_])";

	private static final Pattern CODE = Pattern.compile("\\?\\s*(eval|interpret|new|api)" + WORD_END);

	private static final Pattern NO_ESCAPE = Pattern
		.compile("\\?\\s*(no_esc|noEsc|markup_string|markupString)" + WORD_END);

	private static final Pattern ESCAPE_DIRECTIVE = Pattern
		.compile("[<\\[]#\\s*(noautoesc|noAutoEsc|outputformat|outputFormat|noescape|noEscape|escape)" + WORD_END);

	private static final Pattern FTL_HEADER = Pattern.compile("[<\\[]#ftl" + WORD_END + "[^>\\]]*");

	private static final Pattern FTL_ESCAPE_PARAM = Pattern
		.compile("(output_format|outputFormat|auto_esc|autoEsc)" + WORD_END);

	private static final Pattern MATCHES = Pattern.compile("\\?\\s*matches" + WORD_END);

	/**
	 * Built-ins whose flags argument (at this position) may hold {@code r}: then the
	 * first argument is a regex.
	 */
	private static final Map<String, Integer> FLAGS_AT = Map.of("replace", 2, "split", 1, "keep_after", 1,
			"keep_after_last", 1, "keep_before", 1, "keep_before_last", 1, "ensure_starts_with", 2);

	private static final Pattern FLAGGED = Pattern
		.compile("\\?\\s*(replace|split|keep_after_last|keep_after|keep_before_last|keep_before|ensure_starts_with)"
				+ WORD_END);

	private static final Pattern PAD = Pattern.compile("\\?\\s*(left_pad|right_pad|leftPad|rightPad)" + WORD_END);

	private static final Pattern INCLUDE = Pattern.compile("[<\\[]#\\s*(include|import)\\s+(\\S)");

	private static final Pattern SAFE_FLAGS = Pattern.compile("\"[a-qs-z]*\"|'[a-qs-z]*'");

	private final TemplateLoader delegate;

	ForbiddenBuiltIns(TemplateLoader delegate) {
		this.delegate = delegate;
	}

	/** One thing refused in a template, with where. */
	record Finding(int line, int column, String message) {
	}

	/** A template refused, with every finding in source order. */
	static final class Found extends IOException {

		final String name;

		final List<Finding> findings;

		final int line;

		final int column;

		Found(String name, List<Finding> findings) {
			super(findings.get(0).message());
			this.name = name;
			this.findings = List.copyOf(findings);
			this.line = findings.get(0).line();
			this.column = findings.get(0).column();
		}

	}

	@Override
	public Object findTemplateSource(String name) throws IOException {
		Object source;
		try {
			source = delegate.findTemplateSource(name);
		}
		catch (SecurityException ex) {
			// FileTemplateLoader without linking: the file is a link that leads outside
			// the folder
			throw new Found(name, List.of(new Finding(0, 0,
					"is a link to a file outside templates/; copy the file into templates/ instead")));
		}
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
		List<Finding> findings = scan(s.name(), text);
		if (!findings.isEmpty()) {
			throw new Found(s.name(), findings);
		}
		return new StringReader(text);
	}

	/** Everything refused in one template's source, in source order. */
	static List<Finding> scan(String name, String text) {
		List<int[]> at = new ArrayList<>();
		List<String> messages = new ArrayList<>();
		Matcher m = CODE.matcher(text);
		while (m.find()) {
			add(at, messages, m.start(), "?" + m.group(1)
					+ " is not allowed in Introflow templates: it would run text as code or reach Java");
		}
		m = NO_ESCAPE.matcher(text);
		while (m.find()) {
			add(at, messages, m.start(), "?" + m.group(1) + " is not allowed: values are always escaped");
		}
		m = ESCAPE_DIRECTIVE.matcher(text);
		while (m.find()) {
			add(at, messages, m.start(), "<#" + m.group(1) + "> is not allowed: values are always escaped");
		}
		m = FTL_HEADER.matcher(text);
		while (m.find()) {
			Matcher p = FTL_ESCAPE_PARAM.matcher(m.group());
			while (p.find()) {
				add(at, messages, m.start() + p.start(), "<#ftl " + p.group(1)
						+ "=...> is not allowed: the file name decides the output format and values are always escaped");
			}
		}
		m = MATCHES.matcher(text);
		while (m.find()) {
			add(at, messages, m.start(), "?matches is not allowed: regular expressions can run past the time limit");
		}
		m = FLAGGED.matcher(text);
		while (m.find()) {
			List<String> args = arguments(text, m.end());
			int flagsAt = FLAGS_AT.get(m.group(1));
			if (m.group(1).equals("replace") && args != null && !args.isEmpty()
					&& (args.get(0).equals("\"\"") || args.get(0).equals("''"))) {
				add(at, messages, m.start(),
						"?replace(\"\", ...) is not allowed: it puts the replacement between every "
								+ "two characters, a text that can fill memory");
			}
			else if (args != null && args.size() > flagsAt && !SAFE_FLAGS.matcher(args.get(flagsAt)).matches()) {
				add(at, messages, m.start(),
						"?" + m.group(1) + " with flags " + args.get(flagsAt)
								+ " is not allowed: regular expressions (the r flag) can run past the time limit; "
								+ "flags must be a quoted text without r");
			}
		}
		m = PAD.matcher(text);
		while (m.find()) {
			List<String> args = arguments(text, m.end());
			String width = (args != null && !args.isEmpty()) ? args.get(0) : "";
			if (!width.matches("\\d{1,4}") || Integer.parseInt(width) > MAX_PAD) {
				add(at, messages, m.start(), "?" + m.group(1) + "(" + width + ") is not allowed: the width must be a "
						+ "number up to " + MAX_PAD);
			}
		}
		m = INCLUDE.matcher(text);
		while (m.find()) {
			String quote = m.group(2);
			if (!quote.equals("\"") && !quote.equals("'")) {
				add(at, messages, m.start(), "<#" + m.group(1) + "> needs a quoted file name inside templates/");
				continue;
			}
			int end = text.indexOf(quote, m.end());
			String path = text.substring(m.end(), (end < 0) ? text.length() : end);
			if (path.contains("..") || path.contains("\\") || path.contains(":") || path.contains("${")) {
				add(at, messages, m.start(), "<#" + m.group(1) + " \"" + path
						+ "\"> is not allowed: only files inside templates/, named from its top (\"/_lib/...\")");
			}
			else if (markdown(name) && !markdown(path.startsWith("/") ? path.substring(1) : path)) {
				// a macro keeps the output format of the file it is written in: one from
				// a plain file escapes nothing
				add(at, messages, m.start(), "<#" + m.group(1) + " \"" + path
						+ "\"> is not allowed in an email body: only .md files and files under /_lib/, whose values "
						+ "are escaped");
			}
		}
		lineBreaks(name, text, at, messages);
		List<Finding> findings = new ArrayList<>();
		for (int i = 0; i < at.size(); i++) {
			int[] where = lineAndColumn(text, at.get(i)[0]);
			findings.add(new Finding(where[0], where[1], messages.get(i)));
		}
		findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
		return findings;
	}

	/**
	 * Files whose values are escaped for Markdown (TemplateEngine's output formats):
	 * bodies and {@code _lib/}.
	 */
	private static boolean markdown(String name) {
		return (name.endsWith(".md") && !name.contains("@")) || name.startsWith("_lib/");
	}

	/**
	 * A line ends with LF or CRLF, nothing else (NEL, U+2028, U+2029, VT, FF or a lone CR
	 * would end a line for some program and not for others); a subject is one line, with
	 * at most a line end after it.
	 */
	private static void lineBreaks(String name, String text, List<int[]> at, List<String> messages) {
		boolean subject = name.endsWith("@" + FrontMatter.SUBJECT) || name.endsWith("@" + FrontMatter.PREHEADER);
		// a front-matter part is served with the lines before it left empty, so that its
		// line numbers are the file's
		int first = text.length() - text.stripLeading().length();
		int last = text.stripTrailing().length();
		Matcher m = LineBreaks.PATTERN.matcher(text);
		while (m.find()) {
			int i = m.start();
			char c = text.charAt(i);
			boolean lineEnd = c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
			if (!lineEnd) {
				add(at, messages, i, "a line-break character (" + LineBreaks.name(c)
						+ ") is not allowed; end lines with an ordinary line end");
			}
			else if (subject && i > first && i < last) {
				add(at, messages, i, "a subject is one line: remove the line break");
			}
		}
	}

	/**
	 * The arguments of a built-in call that starts after {@code from}
	 * ({@code ("a", "b")}), split at top-level commas with quotes and brackets respected;
	 * null when there is no call.
	 */
	static List<String> arguments(String text, int from) {
		int i = from;
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		if (i >= text.length() || text.charAt(i) != '(') {
			return null;
		}
		List<String> args = new ArrayList<>();
		int depth = 0;
		int start = i + 1;
		char quote = 0;
		for (i = i + 1; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				if (c == '\\') {
					i++;
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '(' || c == '[' || c == '{') {
				depth++;
			}
			else if (depth > 0 && (c == ')' || c == ']' || c == '}')) {
				depth--;
			}
			else if (c == ',' || c == ')') {
				String arg = text.substring(start, i).strip();
				if (!arg.isEmpty() || c == ',') {
					args.add(arg);
				}
				start = i + 1;
				if (c == ')') {
					return args;
				}
			}
		}
		args.add(text.substring(start).strip());
		return args;
	}

	private static void add(List<int[]> at, List<String> messages, int offset, String message) {
		at.add(new int[] { offset });
		messages.add(message);
	}

	/**
	 * Line and column (both from 1) of an offset, as FreeMarker counts them for its own
	 * errors.
	 */
	private static int[] lineAndColumn(String text, int offset) {
		int line = 1;
		int lineStart = 0;
		for (int i = 0; i < offset; i++) {
			if (text.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new int[] { line, offset - lineStart + 1 };
	}

	@Override
	public void closeTemplateSource(Object source) throws IOException {
		delegate.closeTemplateSource(((Source) source).source());
	}

	private record Source(String name, Object source) {
	}

}
