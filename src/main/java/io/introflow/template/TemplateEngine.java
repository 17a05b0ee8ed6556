package io.introflow.template;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import freemarker.cache.FileTemplateLoader;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.WhitelistMemberAccessPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;

/**
 * Renders the email templates sales reps edit, with FreeMarker locked down: templates load only from inside the
 * templates root, cannot resolve classes ({@code ?new}), cannot reach the Java API ({@code ?api}), see only maps,
 * lists and strings, get HTML auto-escaping in {@code .ftlh} files and fail on any missing value.
 */
@Component
public class TemplateEngine {

	static final List<String> KINDS = List.of("value", "ask", "forward", "thank-you");

	private static final int MAX_OUTPUT_CHARS = 200_000;

	private final Path root;

	private final Configuration freemarker;

	@Autowired
	public TemplateEngine(IntroflowProperties properties) {
		this(properties.folders().templates());
	}

	TemplateEngine(Path root) {
		this.root = root.toAbsolutePath().normalize();
		this.freemarker = lockedDown(this.root);
	}

	private static Configuration lockedDown(Path root) {
		Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
		try {
			// allowLinking=false: a symlink pointing outside the root is refused too
			cfg.setTemplateLoader(new FileTemplateLoader(root.toFile(), false));
		}
		catch (IOException ex) {
			throw new TemplateProblem(root.toString(), "templates folder cannot be opened: " + ex.getMessage(), ex);
		}
		cfg.setDefaultEncoding("UTF-8");
		cfg.setLocalizedLookup(false);
		cfg.setRecognizeStandardFileExtensions(true);
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

	public Path root() {
		return root;
	}

	/**
	 * Renders one email of a kind, choosing {@code <kind>/<segment>/<variant>} and falling back to the {@code default}
	 * segment and the {@code a} variant.
	 */
	public RenderedEmail render(String kind, String segment, String variant, Map<String, Object> model) {
		String base = resolve(kind, segment, variant);
		String subject = renderFile(base + ".subject.ftl", model).strip();
		if (subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
			throw new TemplateProblem(base + ".subject.ftl", "the subject renders to more than one line", null);
		}
		String text = renderFile(base + ".txt.ftl", model);
		String html = Files.exists(root.resolve(base + ".html.ftlh")) ? renderFile(base + ".html.ftlh", model) : null;
		return new RenderedEmail(subject, text, html);
	}

	String resolve(String kind, String segment, String variant) {
		for (String part : List.of(kind, segment, variant)) {
			if (!part.matches("[a-z0-9][a-z0-9_-]{0,49}")) {
				throw new TemplateProblem(kind + "/" + segment + "/" + variant,
						"'" + part + "' is not a template folder name (letters, digits, '-' and '_')", null);
			}
		}
		for (String s : List.of(segment, "default")) {
			for (String v : List.of(variant, "a")) {
				String base = kind + "/" + s + "/" + v;
				if (Files.exists(root.resolve(base + ".subject.ftl"))) {
					return base;
				}
			}
		}
		throw new TemplateProblem(kind + "/" + segment + "/" + variant,
				"no template found (looked for " + kind + "/{" + segment + ",default}/{" + variant
						+ ",a}.subject.ftl under " + root + ")",
				null);
	}

	private String renderFile(String name, Map<String, Object> model) {
		try {
			Template template = freemarker.getTemplate(name);
			StringWriter out = new StringWriter();
			template.process(model, out);
			if (out.getBuffer().length() > MAX_OUTPUT_CHARS) {
				throw new TemplateProblem(name, "renders more than " + MAX_OUTPUT_CHARS + " characters", null);
			}
			return out.toString();
		}
		catch (ParseException ex) {
			throw new TemplateProblem(location(ex.getTemplateName(), name, ex.getLineNumber(),
					ex.getColumnNumber()), ex.getEditorMessage(), ex);
		}
		catch (TemplateException ex) {
			throw new TemplateProblem(location(ex.getTemplateSourceName(), name, ex.getLineNumber(),
					ex.getColumnNumber()), describe(ex), ex);
		}
		catch (IOException ex) {
			throw new TemplateProblem(name, "cannot be read: " + ex.getMessage(), ex);
		}
	}

	private String location(String source, String fallback, Integer line, Integer column) {
		String file = root.getFileName() + "/" + ((source != null) ? source : fallback);
		return file + ":" + ((line != null) ? line : 0) + ":" + ((column != null) ? column : 0);
	}

	/** FreeMarker's first line, plus the expression it blames: "... null or missing: ${referrer.nickname}". */
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

}
