package io.introflow.intake;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Knows on which line a character offset lies, so that a row that spans several lines (a quoted value with line
 * breaks) is still reported under the line where it starts. Offsets must be asked in increasing order; only the line
 * starts between the last offset asked and the read-ahead are kept, so memory stays small.
 */
final class LineCountingReader extends FilterReader {

	private final ArrayDeque<Long> lineStarts = new ArrayDeque<>();

	private long offset;

	private long linesPassed;

	private boolean lastWasCr;

	LineCountingReader(Reader in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		char[] one = new char[1];
		int n = read(one, 0, 1);
		return (n == -1) ? -1 : one[0];
	}

	@Override
	public int read(char[] buffer, int off, int len) throws IOException {
		int n = super.read(buffer, off, len);
		for (int i = 0; i < n; i++) {
			char c = buffer[off + i];
			long next = offset + 1;
			if (c == '\n' && lastWasCr) {
				lineStarts.pollLast();
				lineStarts.addLast(next);
			}
			else if (c == '\n' || c == '\r') {
				lineStarts.addLast(next);
			}
			lastWasCr = (c == '\r');
			offset = next;
		}
		return n;
	}

	/** The 1-based line of a character offset at or after every offset asked before. */
	long lineAt(long characterOffset) {
		while (!lineStarts.isEmpty() && lineStarts.peekFirst() <= characterOffset) {
			lineStarts.pollFirst();
			linesPassed++;
		}
		return linesPassed + 1;
	}

}
