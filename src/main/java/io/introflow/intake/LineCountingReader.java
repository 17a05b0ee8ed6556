package io.introflow.intake;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Knows on which line a character offset lies, so that a row that spans several lines (a
 * quoted value with line breaks) is still reported under the line where it starts.
 * Offsets must be asked in increasing order; only the line starts between the last offset
 * asked and the read-ahead are kept (in a ring of primitive longs, as a row full of line
 * breaks may hold many of them), so memory stays small.
 */
final class LineCountingReader extends FilterReader {

	private long[] lineStarts = new long[64];

	private int head;

	private int size;

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
				// CR LF is one line break: the line starts after the LF (unless the line
				// was already counted)
				if (size > 0) {
					lineStarts[(head + size - 1) % lineStarts.length] = next;
				}
			}
			else if (c == '\n' || c == '\r') {
				push(next);
			}
			lastWasCr = (c == '\r');
			offset = next;
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		throw new IOException("skip is not supported");
	}

	private void push(long lineStart) {
		if (size == lineStarts.length) {
			long[] bigger = new long[lineStarts.length * 2];
			for (int i = 0; i < size; i++) {
				bigger[i] = lineStarts[(head + i) % lineStarts.length];
			}
			lineStarts = bigger;
			head = 0;
		}
		lineStarts[(head + size) % lineStarts.length] = lineStart;
		size++;
	}

	/** The 1-based line of a character offset at or after every offset asked before. */
	long lineAt(long characterOffset) {
		while (size > 0 && lineStarts[head] <= characterOffset) {
			head = (head + 1) % lineStarts.length;
			size--;
			linesPassed++;
		}
		return linesPassed + 1;
	}

}
