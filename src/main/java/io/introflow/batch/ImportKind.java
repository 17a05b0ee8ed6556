package io.introflow.batch;

import java.util.function.Function;

import io.introflow.intake.ChunkImporter;
import io.introflow.intake.CsvLayout;
import io.introflow.intake.CsvRow;

/**
 * One kind of nightly file: its layout, how a row becomes a value (or a rejection), and
 * how a chunk of values is written.
 */
record ImportKind<T>(String stepName, CsvLayout layout, Function<CsvRow, T> mapper, ChunkImporter<T> importer) {

	String type() {
		return layout.type();
	}

}
