package io.introflow.intake;

import java.util.Locale;
import java.util.Map;

/**
 * One data row of a CSV file, with its header names lower-cased so that column order and
 * case do not matter.
 *
 * @param file the file name, for error messages
 * @param line the line number where the record starts (1 is the header)
 * @param values column name (lower case) to raw value
 */
public record CsvRow(String file, long line, Map<String, String> values) {

	/**
	 * The trimmed value of a column, or an empty string when the column is absent or
	 * blank.
	 */
	public String get(String column) {
		String value = values.get(column.toLowerCase(Locale.ROOT));
		return (value != null) ? value.strip() : "";
	}

	public String where() {
		return file + ":" + line;
	}

}
