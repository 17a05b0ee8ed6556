package io.introflow.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.template.TemplateCatalog;
import io.introflow.template.TemplateCheck;

/**
 * The template check for the console (the Today and Templates pages), run again only when
 * a file in the templates folder changed (rendering every template takes seconds; the
 * pages are opened, and polled, often).
 */
@Component
@ConditionalOnWebApplication
class TemplateProblems {

	private final TemplateCheck check;

	private final Path folder;

	private final AtomicReference<Checked> last = new AtomicReference<>();

	TemplateProblems(TemplateCheck check, IntroflowProperties properties) {
		this.check = check;
		this.folder = properties.folders().templates();
	}

	/**
	 * Each problem as {@code templates/<file>:<line>:<column>: <message>}; empty when
	 * every template renders.
	 */
	List<String> now() {
		if (!Files.isDirectory(folder)) {
			return List.of(folder + ": the templates folder is missing (introflow.folders.templates)");
		}
		String fingerprint = TemplateCatalog.fingerprint(folder);
		Checked checked = last.get();
		if (checked == null || !checked.fingerprint().equals(fingerprint)) {
			checked = new Checked(fingerprint, check.problems());
			last.set(checked);
		}
		return checked.problems();
	}

	private record Checked(String fingerprint, List<String> problems) {
	}

}
