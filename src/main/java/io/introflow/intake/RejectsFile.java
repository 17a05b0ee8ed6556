package io.introflow.intake;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Appends rejected rows to {@code rejects-<date>.csv} in the reports folder as {@code file,line,column,value,reason}.
 */
public class RejectsFile {

	private final Path path;

	public RejectsFile(Path path) {
		this.path = path;
	}

	public Path path() {
		return path;
	}

	public synchronized void append(RowError error) {
		try {
			Files.createDirectories(path.getParent());
			boolean fresh = !Files.exists(path);
			try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND); CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
				if (fresh) {
					csv.printRecord("file", "line", "column", "value", "reason");
				}
				csv.printRecord(error.file(), error.line(), error.column(), error.value(), error.reason());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write rejects file " + path, ex);
		}
	}

}
