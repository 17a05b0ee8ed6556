package io.introflow.intake;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.introflow.IntroflowException;

/**
 * Streams the rows of one CSV file with Apache Commons CSV, one record in memory at a time. The number of records
 * handed out is saved in the step's execution context, so a restarted step goes on after the last committed chunk.
 * A missing file is not an error: there is simply nothing to import tonight.
 */
public class CsvRowReader implements ItemStreamReader<CsvRow> {

	private static final String READ_COUNT = "csv.records.read";

	private final Path file;

	private final List<String> requiredColumns;

	private CSVParser parser;

	private Iterator<CSVRecord> records;

	private long count;

	public CsvRowReader(Path file, List<String> requiredColumns) {
		this.file = file;
		this.requiredColumns = requiredColumns;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		close();
		count = 0;
		if (!Files.isRegularFile(file)) {
			return;
		}
		try {
			parser = CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.setIgnoreEmptyLines(true)
				.setIgnoreSurroundingSpaces(true)
				.setAllowMissingColumnNames(true)
				.get()
				.parse(withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8)));
		}
		catch (IOException | UncheckedIOException ex) {
			throw new IntroflowException(file.getFileName() + ": cannot be read: " + ex.getMessage(), ex);
		}
		List<String> header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
		for (String column : requiredColumns) {
			if (!header.contains(column)) {
				close();
				throw new IntroflowException(file.getFileName() + ": missing required column '" + column
						+ "' (found: " + String.join(", ", header) + "); nothing was imported from this file");
			}
		}
		records = parser.iterator();
		long alreadyRead = context.getLong(READ_COUNT, 0L);
		while (count < alreadyRead && records.hasNext()) {
			records.next();
			count++;
		}
	}

	private static Reader withoutByteOrderMark(Reader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(reader, 1);
		int first = pushback.read();
		if (first != -1 && first != '\uFEFF') {
			pushback.unread(first);
		}
		return pushback;
	}

	@Override
	public CsvRow read() {
		if (records == null) {
			return null;
		}
		try {
			if (!records.hasNext()) {
				return null;
			}
			CSVRecord record = records.next();
			count++;
			Map<String, String> values = new LinkedHashMap<>();
			record.toMap().forEach((k, v) -> values.put(k.strip().toLowerCase(Locale.ROOT), v));
			return new CsvRow(file.getFileName().toString(), record.getRecordNumber() + 1, values);
		}
		catch (UncheckedIOException ex) {
			throw new IntroflowException(file.getFileName() + ": unreadable after record " + count + ": "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(READ_COUNT, count);
	}

	@Override
	public void close() {
		if (parser != null) {
			try {
				parser.close();
			}
			catch (IOException ex) {
				// closing a file we only read: nothing was lost
			}
			parser = null;
			records = null;
		}
	}

}
