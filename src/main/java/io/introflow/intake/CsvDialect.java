package io.introflow.intake;

import java.nio.charset.Charset;

/**
 * How a file's bytes become rows: its character set and its delimiter ({@code null}: detect from the header line,
 * choosing among comma, semicolon and tab).
 */
public record CsvDialect(Charset charset, Character delimiter) {

	static final char[] CANDIDATES = { ',', ';', '\t' };

	/** The delimiter that occurs most often outside quotes in the header line; comma when none does. */
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
