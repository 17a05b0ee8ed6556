package io.introflow.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams the rows of one or more CSV files of a layout, one file after the other. The
 * list of files, the file being read and the rows handed out from it are saved in the
 * step's execution context, so a restarted step reads the same files and goes on after
 * the last committed chunk.
 * <p>
 * Each file is {@linkplain CsvFile#check() checked} before its first row is handed out; a
 * file with a whole-file problem is reported to the {@link Listener} and skipped, and the
 * other files are imported.
 */
public class CsvImportReader implements ItemStreamReader<CsvRow> {

	private static final String FILES = "import.files";

	private static final String FILE_INDEX = "import.file.index";

	private static final String FILE_ROWS = "import.file.rows";

	/** Hears about files as they are reached. */
	public interface Listener {

		/** A file with a whole-file problem: nothing from it was or will be imported. */
		void failed(Path file, FileProblem problem);

		/** A file about to be read, with the number of data rows it has. */
		default void started(Path file, long rows) {
		}

	}

	private final Supplier<List<Path>> source;

	private final CsvLayout layout;

	private final CsvDialect dialect;

	private final Listener listener;

	private List<Path> files = List.of();

	private int index;

	private long rowsOfFile;

	private long skip;

	private CsvFile.Cursor cursor;

	public CsvImportReader(Supplier<List<Path>> source, CsvLayout layout, CsvDialect dialect, Listener listener) {
		this.source = source;
		this.layout = layout;
		this.dialect = dialect;
		this.listener = listener;
	}

	/** The files this step reads (fixed when the step first opened). */
	public List<Path> files() {
		return files;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		close();
		if (context.containsKey(FILES)) {
			String saved = context.getString(FILES);
			files = saved.isEmpty() ? List.of() : Arrays.stream(saved.split("\n")).map(Path::of).toList();
			index = context.getInt(FILE_INDEX);
			skip = context.getLong(FILE_ROWS);
		}
		else {
			files = new ArrayList<>(source.get());
			index = 0;
			skip = 0;
		}
		rowsOfFile = skip;
	}

	@Override
	public CsvRow read() {
		while (index < files.size()) {
			if (cursor == null && !openCurrent()) {
				continue;
			}
			CsvRow row = cursor.next();
			if (row != null) {
				rowsOfFile++;
				return row;
			}
			cursor.close();
			cursor = null;
			index++;
			rowsOfFile = 0;
		}
		return null;
	}

	private boolean openCurrent() {
		Path file = files.get(index);
		if (!Files.isRegularFile(file)) {
			// archived by an earlier attempt of this step, or removed by hand: nothing
			// left to read
			index++;
			skip = 0;
			rowsOfFile = 0;
			return false;
		}
		CsvFile csv = new CsvFile(file, layout, dialect);
		try {
			long rows = csv.check();
			listener.started(file, rows);
			cursor = csv.open(skip);
			rowsOfFile = skip;
			skip = 0;
			return true;
		}
		catch (FileProblem problem) {
			listener.failed(file, problem);
			index++;
			skip = 0;
			rowsOfFile = 0;
			return false;
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.putString(FILES, String.join("\n", files.stream().map(Path::toString).toList()));
		context.putInt(FILE_INDEX, index);
		context.putLong(FILE_ROWS, rowsOfFile);
	}

	@Override
	public void close() {
		if (cursor != null) {
			cursor.close();
			cursor = null;
		}
	}

}
