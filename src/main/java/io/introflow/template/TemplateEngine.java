package io.introflow.template;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;

import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.FirstMatchTemplateConfigurationFactory;
import freemarker.cache.PathRegexMatcher;
import freemarker.core.Environment;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateConfiguration;
import freemarker.core.TemplateElement;
import freemarker.core.TemplateClassResolver;
import freemarker.core._CoreAPI;
import freemarker.ext.beans.WhitelistMemberAccessPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.introflow.DaemonThreads;
import io.introflow.IntroflowProperties;
import io.introflow.LineBreaks;

/**
 * FreeMarker, locked down for templates that sales reps edit: no class resolution
 * ({@code ?new}), no {@code ?api}, no {@code ?eval} or {@code ?interpret}, no Java
 * members (the model is plain maps of strings), HTML escaping in {@code .ftlh} files that
 * no template can switch off, no regular expressions, missing values as errors, templates
 * loaded only from inside the templates folder (see {@link ForbiddenBuiltIns} for
 * everything refused at load), and every render limited in time, in size and (by where it
 * ran out) in memory; a subject renders to one line or fails. Every error names
 * {@code templates/<file>:<line>:<column>}.
 */
@Component
public class TemplateEngine {

	static final Duration RENDER_LIMIT = Duration.ofSeconds(2);

	static final int OUTPUT_LIMIT = 200_000;

	private final Path root;

	/**
	 * The threads renders run in (see {@link #renderFile(String, Map, boolean)}): reused,
	 * since a night renders about ten parts per email and a thread started per part cost
	 * more than the render itself. A thread stuck in a render that ignores its
	 * interruption is not handed another one; an idle one ends after a minute.
	 */
	private final ExecutorService renderers = Executors.newCachedThreadPool(new DaemonThreads("template-render"));

	private final Configuration freemarker;

	@Autowired
	public TemplateEngine(IntroflowProperties properties) {
		this(properties.folders().templates());
	}

	public TemplateEngine(Path root) {
		this.root = root.toAbsolutePath().normalize();
		this.freemarker = lockedDown(this.root);
	}

	/**
	 * Stops the render threads with the application context (an engine made with
	 * {@code new} lets them idle out).
	 */
	@PreDestroy
	void stopRendering() {
		renderers.shutdownNow();
	}

	private static Configuration lockedDown(Path root) {
		Configuration cfg = new InterruptibleConfiguration();
		try {
			// allowLinking=false: a symlink pointing outside the root is refused too
			cfg.setTemplateLoader(new ForbiddenBuiltIns(new FrontMatter(new FileTemplateLoader(root.toFile(), false))));
		}
		catch (IOException ex) {
			throw new TemplateProblem(root.toString(), "templates folder cannot be opened: " + ex.getMessage(), ex);
		}
		cfg.setDefaultEncoding("UTF-8");
		// a saved file is used at once (FreeMarker would keep its copy up to 5 s): the
		// console's preview re-renders
		// as soon as a rep saves; the price is one look at the file's modification time
		// per use
		cfg.setTemplateUpdateDelayMilliseconds(0);
		cfg.setLocalizedLookup(false);
		cfg.setRecognizeStandardFileExtensions(true);
		// the front matter renders as plain text; bodies and _lib macros are Markdown,
		// with every value escaped
		cfg.setRegisteredCustomOutputFormats(List.of(MarkdownOutputFormat.INSTANCE));
		TemplateConfiguration plain = new TemplateConfiguration();
		plain.setOutputFormat(PlainTextOutputFormat.INSTANCE);
		TemplateConfiguration markdown = new TemplateConfiguration();
		markdown.setOutputFormat(MarkdownOutputFormat.INSTANCE);
		cfg.setTemplateConfigurations(new FirstMatchTemplateConfigurationFactory(
				new ConditionalTemplateConfigurationFactory(new PathRegexMatcher(".*\\.md@[a-z]+"), plain),
				new ConditionalTemplateConfigurationFactory(new PathRegexMatcher(".*\\.md|_lib/.*"), markdown))
			.allowNoMatch(true));
		cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
		cfg.setAPIBuiltinEnabled(false);
		DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
		wrapper.setMemberAccessPolicy(new WhitelistMemberAccessPolicy(List.of()));
		wrapper.setExposeFields(false);
		cfg.setObjectWrapper(wrapper.build());
		cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
		cfg.setLogTemplateExceptions(false);
		cfg.setWrapUncheckedExceptions(true);
		cfg.setFallbackOnNullLoopVariable(false);
		cfg.setBooleanFormat("c");
		cfg.setNumberFormat("computer");
		return cfg;
	}

	/**
	 * Adds FreeMarker's thread-interruption checks to every template it loads, included
	 * ones too, so that a render that runs over its time limit (an endless {@code #list})
	 * stops when its thread is interrupted.
	 */
	private static final class InterruptibleConfiguration extends Configuration {

		private final Set<Template> prepared = Collections
			.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

		InterruptibleConfiguration() {
			super(Configuration.VERSION_2_3_34);
		}

		@Override
		public Template getTemplate(String name, Locale locale, Object customLookupCondition, String encoding,
				boolean parseAsFTL, boolean ignoreMissing) throws IOException {
			Template template = super.getTemplate(name, locale, customLookupCondition, encoding, parseAsFTL,
					ignoreMissing);
			if (template != null && prepared.add(template)) {
				_CoreAPI.addThreadInterruptedChecks(template);
			}
			return template;
		}

	}

	public Path root() {
		return root;
	}

	/**
	 * Renders one email of a kind from its one file, the best match for the segment,
	 * variant and locale (see {@link #resolve}): the subject and preheader from the front
	 * matter, and the Markdown body as an HTML part (a complete document in the shared
	 * layout, with the footer of {@code _lib/footer[.<locale>].md}) and a text part in
	 * {@code format=flowed} (see {@link FlowedText}). The prefilled intros
	 * ({@code forward*}) have no HTML part and no footer: their text is the body as the
	 * referrer sends it, each paragraph on one line.
	 */
	public RenderedEmail render(String kind, String segment, String variant, String locale, Map<String, Object> model) {
		String base = resolve(kind, segment, variant, locale);
		String file = base + ".md";
		// renderLine returns one stripped line, or refuses a line break at the ${...}
		// that wrote it
		String subject = renderLine(file + "@" + FrontMatter.SUBJECT, model);
		if (subject.isEmpty()) {
			throw new TemplateProblem(root.getFileName() + "/" + file, "the subject renders empty", null);
		}
		String preheader = renderLine(file + "@" + FrontMatter.PREHEADER, model);
		String body = renderFile(file, model);
		if (kind.startsWith("forward")) {
			return new RenderedEmail(subject, EmailMarkdown.text(body), null);
		}
		String lang = base.contains(".") ? base.substring(base.lastIndexOf('.') + 1).replace('_', '-') : "en";
		String footer = footer(locale).map(name -> renderFile(name, model)).orElse("");
		String html = EmailLayout.document(lang, subject, preheader, EmailMarkdown.html(body, EmailMarkdown.Style.BODY),
				EmailMarkdown.html(footer, EmailMarkdown.Style.FOOTER));
		String text = EmailMarkdown.text(body);
		if (!footer.isBlank()) {
			text = text + "\n\n-- \n" + EmailMarkdown.text(footer);
		}
		return new RenderedEmail(subject, FlowedText.encode(text), html);
	}

	/**
	 * The shared footer in the locale's language: {@code _lib/footer.de.md}, else
	 * {@code _lib/footer.md}.
	 */
	private java.util.Optional<String> footer(String locale) {
		for (String l : TemplateCatalog.localeChain(locale)) {
			String name = "_lib/footer" + (l.isEmpty() ? "" : "." + l) + ".md";
			if (Files.exists(root.resolve(name))) {
				return java.util.Optional.of(name);
			}
		}
		return java.util.Optional.empty();
	}

	/**
	 * The file name base ({@code ask/customer/a.de}) for an email: the locale wins over
	 * the segment (a German client gets German text from {@code default} rather than
	 * English text for their segment), then the segment over {@code default}, then the
	 * variant over {@code a}.
	 */
	public String resolve(String kind, String segment, String variant, String locale) {
		for (String part : List.of(kind, segment, variant)) {
			if (!part.matches("[a-z0-9][a-z0-9_-]{0,49}")) {
				throw new TemplateProblem(kind + "/" + segment + "/" + variant,
						"'" + part + "' is not a template folder name (letters, digits, '-' and '_')", null);
			}
		}
		for (String l : TemplateCatalog.localeChain(locale)) {
			for (String s : List.of(segment, "default")) {
				for (String v : List.of(variant, "a")) {
					String base = kind + "/" + s + "/" + v + (l.isEmpty() ? "" : "." + l);
					if (Files.exists(root.resolve(base + ".md"))) {
						return base;
					}
				}
			}
		}
		throw new TemplateProblem(root.getFileName() + "/" + kind,
				"no template for segment '" + segment + "', variant '" + variant + "' (looked for " + kind + "/{"
						+ segment + ",default}/{" + variant + ",a}.md)",
				null);
	}

	/**
	 * Parses one file (relative to the root), reporting syntax errors and forbidden
	 * built-ins; for a template file ({@code .md} outside {@code _lib}), its front matter
	 * and each of its parts.
	 */
	public void compile(String name) {
		if (!name.endsWith(".md") || name.startsWith("_lib/")) {
			compilePart(name);
			return;
		}
		// every problem of every part, once (a broken front matter is a problem of each
		// part)
		java.util.Set<String> problems = new java.util.LinkedHashSet<>();
		TemplateProblem first = null;
		for (String part : List.of(name + "@" + FrontMatter.SUBJECT, name + "@" + FrontMatter.PREHEADER, name)) {
			try {
				compilePart(part);
			}
			catch (TemplateProblem ex) {
				first = (first != null) ? first : ex;
				problems.addAll(ex.problems());
			}
		}
		if (first != null) {
			throw (problems.size() == first.problems().size()) ? first
					: new TemplateProblem(List.copyOf(problems), first);
		}
	}

	private void compilePart(String name) {
		try {
			freemarker.getTemplate(name);
		}
		catch (ParseException ex) {
			throw new TemplateProblem(location(ex.getTemplateName(), name, ex.getLineNumber(), ex.getColumnNumber()),
					ex.getEditorMessage(), ex);
		}
		catch (ForbiddenBuiltIns.Found ex) {
			throw refused(ex, name);
		}
		catch (FrontMatter.Invalid ex) {
			throw new TemplateProblem(location(ex.name, name, ex.line, ex.column), ex.getMessage(), ex);
		}
		catch (IOException ex) {
			// FreeMarker remembers a failed load and later throws a wrapper; report the
			// original
			for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
				if (t instanceof ParseException p) {
					throw new TemplateProblem(
							location(p.getTemplateName(), name, p.getLineNumber(), p.getColumnNumber()),
							p.getEditorMessage(), ex);
				}
				if (t instanceof ForbiddenBuiltIns.Found f) {
					throw refused(f, name);
				}
				if (t instanceof FrontMatter.Invalid f) {
					throw new TemplateProblem(location(f.name, name, f.line, f.column), f.getMessage(), ex);
				}
			}
			throw new TemplateProblem(root.getFileName() + "/" + name, "cannot be read: " + ex.getMessage(), ex);
		}
	}

	/** Every finding of the source scan, each at its own line and column. */
	private TemplateProblem refused(ForbiddenBuiltIns.Found found, String name) {
		List<String> problems = new ArrayList<>();
		for (ForbiddenBuiltIns.Finding f : found.findings) {
			problems.add(location(found.name, name, f.line(), f.column()) + ": " + f.message());
		}
		return new TemplateProblem(problems, found);
	}

	/**
	 * Renders one file in a render thread, so that a render over the time limit can be
	 * stopped.
	 */
	String renderFile(String name, Map<String, Object> model) {
		return renderFile(name, model, false);
	}

	/**
	 * Renders a subject (or any other one-line part): stripped, and refused when a
	 * line-break character of any kind is left inside, named at the instruction that
	 * wrote it (a value that brings one in at send time fails that email instead of
	 * injecting a header).
	 */
	String renderLine(String name, Map<String, Object> model) {
		return renderFile(name, model, true);
	}

	private String renderFile(String name, Map<String, Object> model, boolean oneLine) {
		compile(name);
		AtomicReference<Object> outcome = new AtomicReference<>();
		AtomicReference<Environment> environment = new AtomicReference<>();
		LimitedWriter out = new LimitedWriter(OUTPUT_LIMIT, oneLine);
		Future<?> render = renderers.submit(() -> {
			try {
				Environment env = freemarker.getTemplate(name).createProcessingEnvironment(model, out);
				environment.set(env);
				env.process();
				outcome.set(out.toString());
			}
			catch (Throwable ex) {
				outcome.set(ex);
			}
			finally {
				// a render stopped at its time limit must not leave its interruption to
				// the next one
				Thread.interrupted();
			}
		});
		// where the render was last seen: a template that fills memory dies with no
		// location of its own
		String lastSeen = null;
		try {
			long deadline = System.nanoTime() + RENDER_LIMIT.toNanos();
			while (!finished(render, 10)) {
				String seen = sample(environment.get(), name);
				lastSeen = (seen != null) ? seen : lastSeen;
				if (System.nanoTime() >= deadline) {
					String where = where(environment.get(), name);
					render.cancel(true);
					finished(render, 1000);
					throw new TemplateProblem(where,
							"did not finish within " + RENDER_LIMIT.toSeconds() + " s (an endless loop?)", null);
				}
			}
		}
		catch (InterruptedException ex) {
			render.cancel(true);
			Thread.currentThread().interrupt();
			throw new TemplateProblem(root.getFileName() + "/" + name, "rendering was interrupted", ex);
		}
		Object result = outcome.get();
		if (result instanceof String text) {
			return oneLine ? oneLine(name, text, out) : text;
		}
		if (result instanceof OutOfMemoryError) {
			throw new TemplateProblem((lastSeen != null) ? lastSeen : root.getFileName() + "/" + name + ":0:0",
					"runs out of memory (a text grown without end?)", null);
		}
		throw problem(name, (Throwable) result);
	}

	/**
	 * Whether the render ended within {@code millis} (it catches everything, so it never
	 * ends in an exception).
	 */
	private static boolean finished(Future<?> render, long millis) throws InterruptedException {
		try {
			render.get(millis, TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException | java.util.concurrent.CancellationException ex) {
			return true;
		}
	}

	/**
	 * The render's current location, or null when it cannot be read right now (it runs in
	 * another thread).
	 */
	private String sample(Environment env, String name) {
		if (env == null) {
			return null;
		}
		try {
			TemplateElement[] stack = _CoreAPI.getInstructionStackSnapshot(env);
			return (stack != null && stack.length > 0 && stack[0] != null) ? where(env, name) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private String oneLine(String name, String text, LimitedWriter out) {
		String stripped = text.strip();
		int from = text.indexOf(stripped);
		int found = LineBreaks.first(stripped);
		if (found < 0) {
			return stripped;
		}
		TemplateElement at = out.breakAt(from + found);
		String where = (at != null)
				? location(at.getTemplate().getSourceName(), name, at.getBeginLine(), at.getBeginColumn())
				: root.getFileName() + "/" + name + ":0:0";
		throw new TemplateProblem(where, "renders a line break (" + LineBreaks.name(stripped.charAt(found))
				+ ") into a one-line part; a subject cannot hold one", null);
	}

	/**
	 * Where a render is now: the innermost instruction FreeMarker is executing, as
	 * file:line:column.
	 */
	private String where(Environment env, String fallback) {
		if (env != null) {
			TemplateElement[] stack = _CoreAPI.getInstructionStackSnapshot(env);
			if (stack != null && stack.length > 0 && stack[0] != null) {
				TemplateElement current = stack[0];
				return location(current.getTemplate().getSourceName(), fallback, current.getBeginLine(),
						current.getBeginColumn());
			}
		}
		return root.getFileName() + "/" + fallback + ":0:0";
	}

	private TemplateProblem problem(String name, Throwable thrown) {
		LimitedWriter.Exceeded exceeded = LimitedWriter.Exceeded.in(thrown);
		if (exceeded != null) {
			String where = (exceeded.at != null) ? location(exceeded.at.getTemplate().getSourceName(), name,
					exceeded.at.getBeginLine(), exceeded.at.getBeginColumn())
					: root.getFileName() + "/" + name + ":0:0";
			return new TemplateProblem(where, exceeded.getMessage(), thrown);
		}
		if (thrown instanceof TemplateException ex) {
			return new TemplateProblem(
					location(ex.getTemplateSourceName(), name, ex.getLineNumber(), ex.getColumnNumber()), describe(ex),
					ex);
		}
		if (thrown instanceof StackOverflowError) {
			return new TemplateProblem(root.getFileName() + "/" + name + ":0:0",
					"recursion too deep (a macro that calls itself without end?)", null);
		}
		if (thrown instanceof IOException ex) {
			return new TemplateProblem(root.getFileName() + "/" + name, "cannot be rendered: " + ex.getMessage(), ex);
		}
		return new TemplateProblem(root.getFileName() + "/" + name, "cannot be rendered: " + thrown, thrown);
	}

	private String location(String source, String fallback, Integer line, Integer column) {
		// a part of a template file ("a.md@subject") is reported as the file, with the
		// file's own line numbers
		String file = root.getFileName() + "/" + FrontMatter.file((source != null) ? source : fallback);
		return file + ":" + ((line != null) ? line : 0) + ":" + ((column != null) ? column : 0);
	}

	/**
	 * FreeMarker's first line, plus the expression it blames: "... null or missing:
	 * ${referrer.nickname}".
	 */
	private static String describe(TemplateException ex) {
		String message = firstLine(ex.getMessageWithoutStackTop());
		String blamed = ex.getBlamedExpressionString();
		return (blamed != null && !message.contains(blamed)) ? message + " ${" + blamed + "}" : message;
	}

	private static String firstLine(String message) {
		String trimmed = message.strip();
		int nl = trimmed.indexOf('\n');
		return (nl > 0) ? trimmed.substring(0, nl).strip() : trimmed;
	}

	/** A writer that refuses to grow past a limit, so a template cannot fill memory. */
	static final class LimitedWriter extends Writer {

		private final StringBuilder buffer = new StringBuilder();

		private final int limit;

		private final boolean oneLine;

		/**
		 * For a one-line part: where each line break in the output begins, and the
		 * instruction that wrote it.
		 */
		private final Map<Integer, TemplateElement> breaks = new HashMap<>();

		LimitedWriter(int limit) {
			this(limit, false);
		}

		LimitedWriter(int limit, boolean oneLine) {
			this.limit = limit;
			this.oneLine = oneLine;
		}

		TemplateElement breakAt(int offset) {
			return breaks.get(offset);
		}

		static final class Exceeded extends IOException {

			/** The instruction that was writing when the limit was reached, or null. */
			final transient TemplateElement at;

			Exceeded(int limit) {
				super("renders more than " + limit + " characters (an endless loop?)");
				this.at = current();
			}

			static Exceeded in(Throwable ex) {
				for (Throwable t = ex; t != null; t = t.getCause()) {
					if (t instanceof Exceeded e) {
						return e;
					}
				}
				return null;
			}

		}

		@Override
		public void write(char[] chars, int off, int len) throws IOException {
			if (buffer.length() + len > limit) {
				throw new Exceeded(limit);
			}
			if (oneLine) {
				for (int i = 0; i < len; i++) {
					if (LineBreaks.PATTERN.matcher(String.valueOf(chars[off + i])).matches()) {
						breaks.put(buffer.length() + i, current());
					}
				}
			}
			buffer.append(chars, off, len);
		}

		/** The instruction writing now, or null. */
		static TemplateElement current() {
			Environment env = Environment.getCurrentEnvironment();
			TemplateElement[] stack = (env != null) ? _CoreAPI.getInstructionStackSnapshot(env) : null;
			return (stack != null && stack.length > 0) ? stack[0] : null;
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return buffer.toString();
		}

	}

	/**
	 * Every template file under the root, relative and with '/' separators, in name
	 * order.
	 */
	List<String> files() {
		List<String> names = new ArrayList<>();
		try (var walk = Files.walk(root)) {
			walk.filter(Files::isRegularFile)
				.map(p -> root.relativize(p).toString().replace('\\', '/'))
				.filter(n -> n.endsWith(".md") || n.endsWith(".ftl"))
				.filter(n -> !n.equalsIgnoreCase("README.md"))
				.sorted()
				.forEach(names::add);
		}
		catch (IOException ex) {
			throw new TemplateProblem(root.toString(), "cannot be listed: " + ex.getMessage(), ex);
		}
		return names;
	}

}
