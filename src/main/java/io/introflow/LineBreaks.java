package io.introflow;

import java.util.regex.Pattern;

/**
 * Every character that some mail program or parser takes as the end of a line: CR, LF,
 * NEL (U+0085), the line and paragraph separators (U+2028, U+2029), vertical tab and form
 * feed. One definition, so that the template check, the render of a subject and the last
 * check before sending refuse the same things.
 */
public final class LineBreaks {

	public static final Pattern PATTERN = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029\\u000B\\u000C]");

	private LineBreaks() {
	}

	/** The index of the first line break in the text, or -1. */
	public static int first(CharSequence text) {
		var m = PATTERN.matcher(text);
		return m.find() ? m.start() : -1;
	}

	/** The character as U+XXXX, for messages: a line break is invisible in one. */
	public static String name(char c) {
		return String.format("U+%04X", (int) c);
	}

}
