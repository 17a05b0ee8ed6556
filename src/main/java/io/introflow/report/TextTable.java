package io.introflow.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A table for people: a header row and rows whose columns line up; a column of numbers is
 * aligned to the right.
 */
public final class TextTable {

	private final List<String> headers;

	private final List<List<String>> rows = new ArrayList<>();

	private TextTable(List<String> headers) {
		this.headers = headers;
	}

	public static TextTable of(String... headers) {
		return new TextTable(Arrays.asList(headers));
	}

	/** Adds a row; null cells show as "-". */
	public TextTable row(Object... cells) {
		List<String> row = new ArrayList<>();
		for (Object cell : cells) {
			row.add((cell != null) ? cell.toString() : "-");
		}
		rows.add(row);
		return this;
	}

	public boolean isEmpty() {
		return rows.isEmpty();
	}

	/** The table, each line starting with the indent. */
	public String render(String indent) {
		int[] widths = new int[headers.size()];
		boolean[] numeric = new boolean[headers.size()];
		for (int c = 0; c < widths.length; c++) {
			widths[c] = headers.get(c).length();
			numeric[c] = !rows.isEmpty();
			for (List<String> row : rows) {
				String cell = (c < row.size()) ? row.get(c) : "";
				widths[c] = Math.max(widths[c], cell.length());
				numeric[c] &= cell.matches("-?[0-9]+");
			}
		}
		StringBuilder out = new StringBuilder();
		line(out, indent, headers, widths, numeric);
		for (List<String> row : rows) {
			line(out, indent, row, widths, numeric);
		}
		return out.toString();
	}

	private static void line(StringBuilder out, String indent, List<String> cells, int[] widths, boolean[] numeric) {
		StringBuilder line = new StringBuilder(indent);
		for (int c = 0; c < widths.length; c++) {
			String cell = (c < cells.size()) ? cells.get(c) : "";
			String format = (numeric[c] ? "%" : "%-") + widths[c] + "s";
			line.append(String.format(format, cell));
			if (c < widths.length - 1) {
				line.append("  ");
			}
		}
		out.append(line.toString().stripTrailing()).append('\n');
	}

	/** An enum constant's name as plain words: {@code VALUE_SENT} is "value sent". */
	public static String words(Enum<?> value) {
		return (value != null) ? words(value.name()) : "-";
	}

	/** A constant-like name as plain words: {@code NO_RESPONSE} is "no response". */
	public static String words(String name) {
		return (name != null) ? name.toLowerCase(Locale.ROOT).replace('_', ' ') : "-";
	}

}
