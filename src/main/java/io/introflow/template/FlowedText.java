package io.introflow.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain text as {@code format=flowed; delsp=no} (RFC 3676): every line at most 78
 * characters on the wire, while mail programs that know the format show each paragraph
 * unbroken, reflowed to the reader's window. A line that ends in a space is a soft break
 * (the next line continues the paragraph); any other line end is a hard break. Lines
 * starting with a space, {@code >} or {@code From } are space-stuffed so they are not
 * read as quotes or mangled in transit. Only a word longer than the whole line (a long
 * URL) makes a longer line.
 */
public final class FlowedText {

	/** RFC 3676 4.2: lines SHOULD be no longer than 78 characters. */
	public static final int WIDTH = 78;

	/** The signature separator, which is never flowed. */
	private static final String SIGNATURE = "-- ";

	private FlowedText() {
	}

	/**
	 * Encodes text whose line breaks are all meant (between paragraphs, in a sign-off) as
	 * flowed lines.
	 */
	public static String encode(String text) {
		List<String> out = new ArrayList<>();
		for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
			if (line.equals(SIGNATURE)) {
				out.add(line);
				continue;
			}
			wrap(line.stripTrailing(), out);
		}
		return String.join("\n", out);
	}

	/**
	 * One hard line as soft-broken lines, each ending with the space it was broken at.
	 */
	private static void wrap(String line, List<String> out) {
		String rest = line;
		while (true) {
			int width = WIDTH - (needsStuffing(rest) ? 1 : 0);
			if (rest.length() <= width) {
				out.add(stuff(rest));
				return;
			}
			// the break keeps its space at the end of the line: the last space within the
			// width, else the first after
			int at = rest.lastIndexOf(' ', width - 1);
			if (at <= 0) {
				at = rest.indexOf(' ', width);
				if (at < 0) {
					out.add(stuff(rest));
					return;
				}
			}
			out.add(stuff(rest.substring(0, at + 1)));
			rest = rest.substring(at + 1);
		}
	}

	private static boolean needsStuffing(String line) {
		return line.startsWith(" ") || line.startsWith(">") || line.startsWith("From ");
	}

	private static String stuff(String line) {
		return needsStuffing(line) ? " " + line : line;
	}

	/**
	 * Decodes flowed lines back into the text they carry, as a mail program that shows it
	 * would (delsp=no).
	 */
	public static String decode(String flowed) {
		StringBuilder out = new StringBuilder(flowed.length());
		String[] lines = flowed.replace("\r\n", "\n").split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].startsWith(" ") ? lines[i].substring(1) : lines[i];
			out.append(line);
			boolean soft = line.endsWith(" ") && !line.equals(SIGNATURE);
			if (!soft && i < lines.length - 1) {
				out.append('\n');
			}
		}
		return out.toString();
	}

}
