package io.introflow.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one kind of CSV file looks like: the file names it comes under, its columns, which
 * are required, and the other names marketing ops' exports use for them.
 *
 * @param type the kind of file ({@code clients}, {@code triggers}, ...), also its
 * settings key
 * @param prefixes a file in the drop folder is of this kind when its name starts with one
 * of these
 * @param columns every column this kind understands, by canonical name
 * @param required the columns without which nothing in the file can be imported
 * @param aliases other header names, normalized, to canonical names
 */
public record CsvLayout(String type, List<String> prefixes, List<String> columns, List<String> required,
		Map<String, String> aliases) {

	public CsvLayout {
		prefixes = List.copyOf(prefixes);
		columns = List.copyOf(columns);
		required = List.copyOf(required);
		aliases = Map.copyOf(aliases);
	}

	/** A layout plus more aliases (from configuration). */
	public CsvLayout withAliases(Map<String, List<String>> more) {
		Map<String, String> all = new LinkedHashMap<>(aliases);
		more.forEach((canonical, names) -> {
			String target = normalize(canonical);
			names.forEach(name -> all.put(normalize(name), target));
		});
		return new CsvLayout(type, prefixes, columns, required, all);
	}

	/**
	 * The canonical name of a header: lower case, every run of characters other than
	 * letters and digits as one underscore, then aliases. {@code "E-Mail Address"}
	 * becomes {@code e_mail_address}, which an alias may map to {@code email}.
	 */
	public String canonical(String header) {
		String normalized = normalize(header);
		return aliases.getOrDefault(normalized, normalized);
	}

	public boolean knows(String canonicalColumn) {
		return columns.contains(canonicalColumn);
	}

	public boolean accepts(String fileName) {
		String name = fileName.toLowerCase(Locale.ROOT);
		return (name.endsWith(".csv") || name.endsWith(".txt")) && prefixes.stream().anyMatch(name::startsWith);
	}

	static String normalize(String header) {
		String h = header.strip().toLowerCase(Locale.ROOT);
		if (h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")) {
			h = h.substring(1, h.length() - 1).strip();
		}
		return h.replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
	}

	/** Aliases given as canonical name to list of other names. */
	public static Map<String, String> aliases(Map<String, Set<String>> byCanonical) {
		Map<String, String> out = new LinkedHashMap<>();
		byCanonical.forEach((canonical, names) -> names.forEach(n -> out.put(normalize(n), canonical)));
		return out;
	}

}
