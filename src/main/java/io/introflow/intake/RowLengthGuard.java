package io.introflow.intake;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops a parser from gathering one row without end. Commons CSV keeps the row it is
 * reading (a quoted value, a line) in memory until the row ends; a quote that never
 * closes or a file without line breaks would make that row the rest of the file. This
 * reader counts the characters handed out since the start of the last complete row and
 * fails once they pass a limit, so memory stays bounded whatever the file holds.
 * <p>
 * The parser reads one row ahead of the row last reported, so the limit covers two rows:
 * twice the longest row allowed, plus the parser's read-ahead. The exact per-row limit is
 * checked by {@link CsvFile}.
 */
final class RowLengthGuard extends FilterReader {

	/** The parser's own buffer may read this far past the row it is in. */
	private static final int READ_AHEAD = 64 * 1024;

	private final long limit;

	private long offset;

	private long lastRowStart;

	RowLengthGuard(Reader in, int maxRowLength) {
		super(in);
		this.limit = 2L * maxRowLength + READ_AHEAD;
	}

	/** A complete row starting at this character offset was handed out. */
	void rowStartedAt(long characterOffset) {
		lastRowStart = Math.max(lastRowStart, characterOffset);
	}

	/** Characters read so far. */
	long offset() {
		return offset;
	}

	@Override
	public int read() throws IOException {
		char[] one = new char[1];
		int n = read(one, 0, 1);
		return (n == -1) ? -1 : one[0];
	}

	@Override
	public int read(char[] buffer, int off, int len) throws IOException {
		if (offset - lastRowStart > limit) {
			throw new RunawayRow();
		}
		int n = super.read(buffer, off, len);
		if (n > 0) {
			offset += n;
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		throw new IOException("skip is not supported");
	}

	/** A row ran on past the limit: a quote that never closes, or no line breaks. */
	static final class RunawayRow extends IOException {

		RunawayRow() {
			super("a row runs on past the row length limit");
		}

	}

}
