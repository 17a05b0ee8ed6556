package io.introflow.intake;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code rejects-<date>.csv} in the reports folder, as
 * {@code file,line,column,value,reason}: written whole from the stored rejects
 * ({@link ImportRejects}), never appended to, so it always shows each rejected row once.
 * Every cell is made {@linkplain SpreadsheetSafe spreadsheet-safe}, as marketing ops open
 * the file in a spreadsheet.
 */
public class RejectsFile {

	private final Path path;

	public RejectsFile(Path path) {
		this.path = path;
	}

	public Path path() {
		return path;
	}

	/**
	 * Writes the file from the rows a source hands out, replacing the file only once it
	 * is complete.
	 * @param rows calls its argument once per rejected row, in order
	 */
	public void write(Consumer<Consumer<RowError>> rows) {
		Path partial = path.resolveSibling(path.getFileName() + ".partial");
		try {
			Files.createDirectories(path.getParent());
			try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
					CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
				csv.printRecord("file", "line", "column", "value", "reason");
				rows.accept(error -> print(csv, error));
			}
			Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write rejects file " + path, ex);
		}
	}

	private static void print(CSVPrinter csv, RowError error) {
		try {
			csv.printRecord(SpreadsheetSafe.cell(error.file()), error.line(), SpreadsheetSafe.cell(error.column()),
					SpreadsheetSafe.cell(error.value()), SpreadsheetSafe.cell(error.reason()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
