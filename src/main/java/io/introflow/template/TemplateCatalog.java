package io.introflow.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What is in the templates folder: one file per email,
 * {@code <kind>/<segment>/<variant>[.<locale>].md}, holding the subject (and preheader)
 * in its front matter and the body in Markdown. Files that do not fit the pattern and
 * unknown kinds are reported as problems, so a misnamed file is noticed instead of
 * silently unused. Shared macros and the footer live in {@code _lib/}.
 */
public final class TemplateCatalog {

	/**
	 * Every kind of email, in the order of the playbook. {@code forward*} are the
	 * prefilled intros; {@code partner-summary} is the monthly summary for partners.
	 */
	public static final List<String> KINDS = List.of("value", "ask", "forward", "forward-optin", "nudge", "nudge-2",
			"reminder", "thank-you", "close-the-loop", "partner-summary");

	/**
	 * The kinds one introduction can receive, one step after another (the steps of a
	 * sequence may send these); {@code partner-summary} is the monthly summary, not a
	 * step of an introduction.
	 */
	public static final List<String> STEP_KINDS = List.of("value", "ask", "nudge", "nudge-2", "reminder", "thank-you",
			"close-the-loop");

	public static final List<String> SEGMENTS = List.of("customer", "partner");

	private static final Pattern FILE = Pattern
		.compile("(?<variant>[a-z0-9][a-z0-9_-]*)(?:\\.(?<locale>[a-z]{2,3}(?:_[a-z]{2})?))?\\.md");

	/** One email in the catalog. @param locale empty for the base (English) text */
	public record Entry(String kind, String segment, String variant, String locale) {

		public String base() {
			return kind + "/" + segment + "/" + variant + (locale.isEmpty() ? "" : "." + locale);
		}

	}

	private final List<Entry> entries;

	private final List<String> problems;

	private TemplateCatalog(List<Entry> entries, List<String> problems) {
		this.entries = List.copyOf(entries);
		this.problems = List.copyOf(problems);
	}

	public List<Entry> entries() {
		return entries;
	}

	/** Misnamed files and unknown kinds. */
	public List<String> problems() {
		return problems;
	}

	public static TemplateCatalog scan(Path root) {
		String top = root.getFileName().toString();
		Map<String, Entry> found = new TreeMap<>();
		List<String> problems = new ArrayList<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(root)) {
			files = walk.filter(Files::isRegularFile).sorted().toList();
		}
		catch (IOException ex) {
			return new TemplateCatalog(List.of(), List.of(top + ": cannot be listed: " + ex.getMessage()));
		}
		for (Path file : files) {
			String name = root.relativize(file).toString().replace('\\', '/');
			String[] parts = name.split("/");
			if (parts[0].equals("_lib") || parts[parts.length - 1].startsWith(".")
					|| parts[parts.length - 1].equalsIgnoreCase("README.md")) {
				continue;
			}
			Matcher m = FILE.matcher(parts[parts.length - 1]);
			if (parts.length != 3 || !m.matches()) {
				problems.add(top + "/" + name + ":0:0: not a template name; expected <kind>/<segment>/<variant>"
						+ "[.<locale>].md");
				continue;
			}
			if (!KINDS.contains(parts[0])) {
				problems.add(top + "/" + name + ":0:0: unknown kind '" + parts[0] + "' (kinds: "
						+ String.join(", ", KINDS) + ")");
				continue;
			}
			String locale = (m.group("locale") != null) ? m.group("locale") : "";
			String key = parts[0] + "/" + parts[1] + "/" + m.group("variant") + "/" + locale;
			found.put(key, new Entry(parts[0], parts[1], m.group("variant"), locale));
		}
		return new TemplateCatalog(new ArrayList<>(found.values()), problems);
	}

	/**
	 * A fingerprint of everything in the templates folder (each file's name, size and
	 * last change), which changes whenever a file is saved, added or removed: the
	 * console's preview polls it to know when to render again.
	 */
	public static String fingerprint(Path root) {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
				String line = root.relativize(file) + "\u0000" + Files.size(file) + "\u0000"
						+ Files.getLastModifiedTime(file).toMillis() + "\n";
				digest.update(line.getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			// a file removed while listing: the next poll sees the folder settled
			digest.update(String.valueOf(ex.getMessage()).getBytes(StandardCharsets.UTF_8));
		}
		return HexFormat.of().formatHex(digest.digest(), 0, 12);
	}

	/** {@code de-AT} looks for {@code de_at}, then {@code de}, then the base text. */
	public static List<String> localeChain(String locale) {
		List<String> chain = new ArrayList<>();
		if (locale != null && !locale.isBlank()) {
			String l = locale.strip().toLowerCase(Locale.ROOT).replace('-', '_');
			if (l.matches("[a-z]{2,3}(_[a-z0-9]{2,8})*")) {
				chain.add(l);
				if (l.contains("_")) {
					chain.add(l.substring(0, l.indexOf('_')));
				}
			}
		}
		chain.add("");
		return chain;
	}

}
