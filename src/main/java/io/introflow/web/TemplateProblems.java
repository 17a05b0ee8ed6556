package io.introflow.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.template.TemplateCheck;

/**
 * The template check for the Today page, run again only when a file in the templates folder changed (rendering every
 * template takes seconds; the page is opened often).
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

	/** Each problem as {@code templates/<file>:<line>:<column>: <message>}; empty when every template renders. */
	List<String> now() {
		String fingerprint = fingerprint();
		Checked checked = last.get();
		if (checked == null || !checked.fingerprint().equals(fingerprint)) {
			checked = new Checked(fingerprint, check.problems());
			last.set(checked);
		}
		return checked.problems();
	}

	/** The names, sizes and modification times of every file under the folder. */
	private String fingerprint() {
		if (!Files.isDirectory(folder)) {
			return "";
		}
		try (Stream<Path> files = Files.walk(folder)) {
			StringBuilder all = new StringBuilder();
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				all.append(folder.relativize(file)).append('|').append(Files.size(file)).append('|')
					.append(Files.getLastModifiedTime(file).toMillis()).append('\n');
			}
			return all.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the templates folder " + folder, ex);
		}
	}

	private record Checked(String fingerprint, List<String> problems) {
	}

}
