package io.introflow.intake;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * One CSV file of a known {@link CsvLayout}, read as a stream with Apache Commons CSV:
 * one record in memory at a time, whatever the file's size. {@link #check()} reads it
 * once to find whole-file problems before anything is imported; {@link #open(long)} then
 * hands out its rows.
 */
public final class CsvFile {

	private final Path path;

	private final CsvLayout layout;

	private final CsvDialect dialect;

	private static final String TOO_LONG_HINT = "; nothing was imported from this file (fix the file, or raise "
			+ "introflow.intake.max-row-length if such rows are real)";

	public CsvFile(Path path, CsvLayout layout, CsvDialect dialect) {
		this.path = path;
		this.layout = layout;
		this.dialect = dialect;
	}

	public Path path() {
		return path;
	}

	private String name() {
		return path.getFileName().toString();
	}

	/**
	 * Reads the whole file: every byte must decode in the declared character set, the
	 * header must name every required column once, and every quote must close. Returns
	 * the number of data rows.
	 * @throws FileProblem naming the file, the line and what to do
	 */
	public long check() {
		checkEncoding();
		try (Cursor cursor = open(0)) {
			long rows = 0;
			while (cursor.next() != null) {
				rows++;
			}
			return rows;
		}
	}

	private void checkEncoding() {
		CharsetDecoder decoder = dialect.charset()
			.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
		CharBuffer chars = CharBuffer.allocate(64 * 1024);
		long line = 1;
		try (InputStream in = Files.newInputStream(path)) {
			boolean eof = false;
			while (!eof) {
				int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
				eof = (n == -1);
				if (n > 0) {
					bytes.position(bytes.position() + n);
				}
				bytes.flip();
				CoderResult result;
				do {
					result = decoder.decode(bytes, chars, eof);
					line += newlines(chars);
					if (result.isError()) {
						throw new FileProblem(name() + ": line " + line + " has bytes that are not valid "
								+ dialect.charset().name() + "; save the file as " + dialect.charset().name()
								+ " or declare its encoding in batch-config/intake.yml (introflow.intake.types."
								+ layout.type() + ".encoding, for example windows-1252)");
					}
				}
				while (result.isOverflow());
				bytes.compact();
			}
			decoder.flush(chars);
		}
		catch (IOException ex) {
			throw new FileProblem(name() + ": cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static long newlines(CharBuffer chars) {
		chars.flip();
		long n = 0;
		while (chars.hasRemaining()) {
			if (chars.get() == '\n') {
				n++;
			}
		}
		chars.clear();
		return n;
	}

	/**
	 * Opens the file and skips {@code skip} data rows (a restart goes on after the last
	 * committed row).
	 */
	public Cursor open(long skip) {
		Cursor cursor = new Cursor();
		try {
			for (long i = 0; i < skip && cursor.next() != null; i++) {
				// skipping rows an earlier run committed
			}
			return cursor;
		}
		catch (RuntimeException ex) {
			cursor.close();
			throw ex;
		}
	}

	/** The rows of an open file, in order. */
	public final class Cursor implements Closeable {

		private final RowLengthGuard guard;

		private final LineCountingReader reader;

		private final CSVParser parser;

		/** Where the last row read starts (the header is the first), and its line. */
		private long lastRowStart;

		private long lastRowLine = 1;

		/** The line the next row starts on, for a row that never ends. */
		private long nextRowLine = 1;

		private final Iterator<CSVRecord> records;

		private final List<String> columns = new ArrayList<>();

		Cursor() {
			try {
				char delimiter = (dialect.delimiter() != null) ? dialect.delimiter() : CsvDialect.detect(headerLine());
				this.guard = new RowLengthGuard(withoutByteOrderMark(decoding()), dialect.maxRowLength());
				this.reader = new LineCountingReader(guard);
				this.parser = CSVFormat.DEFAULT.builder()
					.setDelimiter(delimiter)
					.setHeader()
					.setSkipHeaderRecord(true)
					.setIgnoreEmptyLines(false) // blank records are skipped below, so
												// every record keeps its true line
					.setAllowMissingColumnNames(true)
					.setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
					.setTrim(true)
					.get()
					.parse(reader);
			}
			catch (IOException | UncheckedIOException ex) {
				throw (runaway(ex) != null) ? runawayRow(ex)
						: new FileProblem(name() + ": cannot be read: " + message(ex), ex);
			}
			this.nextRowLine = parser.getCurrentLineNumber() + 1;
			this.records = parser.iterator();
			resolveHeader(parser.getHeaderNames());
		}

		private void resolveHeader(List<String> header) {
			Map<String, String> seen = new LinkedHashMap<>();
			for (String raw : header) {
				String column = raw.isBlank() ? "" : layout.canonical(raw);
				if (!column.isEmpty() && seen.containsKey(column)) {
					close();
					throw new FileProblem(name() + ": columns '" + seen.get(column) + "' and '" + raw + "' both mean '"
							+ column + "'; keep one of them");
				}
				if (!column.isEmpty()) {
					seen.put(column, raw);
				}
				columns.add(column);
			}
			for (String required : layout.required()) {
				if (!seen.containsKey(required)) {
					close();
					throw new FileProblem(name() + ": missing required column '" + required + "' (found: "
							+ String.join(", ", header) + "); nothing was imported from this file");
				}
			}
		}

		/** The next row with a value in any column, or {@code null} at the end. */
		public CsvRow next() {
			try {
				while (records.hasNext()) {
					CSVRecord record = records.next();
					long line = rowRead(record.getCharacterPosition());
					Map<String, String> values = new LinkedHashMap<>();
					boolean blank = true;
					for (int i = 0; i < columns.size() && i < record.size(); i++) {
						if (!columns.get(i).isEmpty()) {
							String value = record.get(i);
							values.put(columns.get(i), value);
							blank &= value.isBlank();
						}
					}
					if (!blank) {
						return new CsvRow(name(), line, values);
					}
				}
				checkLength(guard.offset());
				return null;
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				if (runaway(ex) != null) {
					throw runawayRow(ex);
				}
				throw new FileProblem(name() + ": " + message(ex) + "; nothing was imported from this file", ex);
			}
		}

		/**
		 * Notes a row starting at a character offset and returns its line; the row before
		 * it must not be too long.
		 */
		private long rowRead(long start) {
			checkLength(start);
			guard.rowStartedAt(start);
			lastRowStart = start;
			lastRowLine = reader.lineAt(start);
			nextRowLine = parser.getCurrentLineNumber() + 1;
			return lastRowLine;
		}

		/**
		 * The row read last ends before this offset: it must not be longer than the
		 * dialect allows.
		 */
		private void checkLength(long end) {
			if (end - lastRowStart > dialect.maxRowLength()) {
				close();
				throw new FileProblem(name() + ": the row at line " + lastRowLine + " is longer than "
						+ dialect.maxRowLength() + " characters" + TOO_LONG_HINT);
			}
		}

		private FileProblem runawayRow(Throwable ex) {
			close();
			return new FileProblem(
					name() + ": the row at line " + nextRowLine + " runs on past " + dialect.maxRowLength()
							+ " characters (a quote that never closes, or no line breaks)" + TOO_LONG_HINT,
					runaway(ex));
		}

		@Override
		public void close() {
			try {
				if (parser != null) {
					parser.close();
				}
			}
			catch (IOException ex) {
				// a file we only read: nothing is lost
			}
		}

	}

	/**
	 * The first line, or as much of it as a row may hold: enough to tell the delimiter.
	 */
	private String headerLine() throws IOException {
		try (Reader first = withoutByteOrderMark(decoding())) {
			StringBuilder line = new StringBuilder();
			int c;
			while (line.length() < dialect.maxRowLength() && (c = first.read()) != -1 && c != '\n' && c != '\r') {
				line.append((char) c);
			}
			return line.toString();
		}
	}

	private static RowLengthGuard.RunawayRow runaway(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof RowLengthGuard.RunawayRow runaway) {
				return runaway;
			}
		}
		return null;
	}

	private Reader decoding() throws IOException {
		CharsetDecoder decoder = dialect.charset()
			.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return new InputStreamReader(Files.newInputStream(path), decoder);
	}

	private static Reader withoutByteOrderMark(Reader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(new BufferedReader(reader, 64 * 1024), 1);
		int first = pushback.read();
		if (first != -1 && first != '\uFEFF') {
			pushback.unread(first);
		}
		return pushback;
	}

	private static String message(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getMessage() != null && t.getMessage().contains(t.getCause().toString())) {
			t = t.getCause();
		}
		String m = (t.getCause() != null && t.getMessage() == null) ? t.getCause().getMessage() : t.getMessage();
		return (m != null) ? m : t.toString();
	}

}
