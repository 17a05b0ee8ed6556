package io.introflow.intake;

import java.nio.charset.Charset;

/**
 * How a file's bytes become rows: its character set, its delimiter ({@code null}: detect
 * from the header line, choosing among comma, semicolon and tab) and the longest row it
 * may hold, in characters (the header included; a longer row, such as one opened by a
 * quote that never closes, fails the whole file).
 */
public record CsvDialect(Charset charset, Character delimiter, int maxRowLength) {

	/**
	 * Half a million characters: far more than any real row, little enough for a small
	 * heap.
	 */
	public static final int DEFAULT_MAX_ROW_LENGTH = 500_000;

	static final char[] CANDIDATES = { ',', ';', '\t' };

	public CsvDialect {
		if (maxRowLength < 1) {
			throw new IllegalArgumentException("the longest row must be at least 1 character, not " + maxRowLength);
		}
	}

	public CsvDialect(Charset charset, Character delimiter) {
		this(charset, delimiter, DEFAULT_MAX_ROW_LENGTH);
	}

	/**
	 * The delimiter that occurs most often outside quotes in the header line; comma when
	 * none does.
	 */
	static char detect(String headerLine) {
		int[] counts = new int[CANDIDATES.length];
		boolean quoted = false;
		for (int i = 0; i < headerLine.length(); i++) {
			char c = headerLine.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			for (int k = 0; k < CANDIDATES.length && !quoted; k++) {
				if (c == CANDIDATES[k]) {
					counts[k]++;
				}
			}
		}
		int best = 0;
		for (int k = 1; k < CANDIDATES.length; k++) {
			if (counts[k] > counts[best]) {
				best = k;
			}
		}
		return CANDIDATES[best];
	}

}
