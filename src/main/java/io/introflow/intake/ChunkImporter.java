package io.introflow.intake;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes one chunk of validated rows. A row that is valid on its own but cannot be
 * applied (an outcome for an unknown introduction) is handed to {@code reject} and the
 * rest of the chunk goes on. {@code day} is the run's date.
 */
@FunctionalInterface
public interface ChunkImporter<T> {

	ImportCounts importChunk(List<T> items, LocalDate day, Consumer<RowError> reject);

}
