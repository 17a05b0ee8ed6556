package io.introflow.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.introflow.intake.CsvImportReader;
import io.introflow.intake.CsvRow;
import io.introflow.intake.DropFolder;
import io.introflow.intake.FileProblem;
import io.introflow.intake.ImportCounts;
import io.introflow.intake.ImportRejects;
import io.introflow.intake.RejectsFile;
import io.introflow.intake.RowError;
import io.introflow.intake.RowRejectedException;

/**
 * Everything one import step keeps track of: rejected rows (stored in the chunk's
 * transaction, the row filtered out; the rejects file is written from the stored rows
 * when the step ends), counts of new, updated and unchanged rows (in the step's execution
 * context, so they survive a restart), a progress line on long files, files that failed
 * as a whole, and at the end the summary and the archiving of the files read.
 */
class ImportStepState<T>
		implements ItemProcessor<CsvRow, T>, ItemWriter<T>, StepExecutionListener, CsvImportReader.Listener {

	private static final Logger log = LoggerFactory.getLogger(ImportStepState.class);

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

	private final ImportKind<T> kind;

	private final Path reportsFolder;

	private final DropFolder dropFolder;

	private final ImportRejects rejects;

	private CsvImportReader reader;

	private StepExecution step;

	private LocalDate day;

	private final List<String> failures = new ArrayList<>();

	private final List<String> files = new ArrayList<>();

	private long startedNanos;

	private long lastProgressNanos;

	/**
	 * @param dropFolder where files are archived after the step, or null to leave them
	 * where they are
	 */
	ImportStepState(ImportKind<T> kind, Path reportsFolder, DropFolder dropFolder, ImportRejects rejects) {
		this.kind = kind;
		this.reportsFolder = reportsFolder;
		this.dropFolder = dropFolder;
		this.rejects = rejects;
	}

	void reader(CsvImportReader reader) {
		this.reader = reader;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		step = stepExecution;
		day = RunDates.of(stepExecution);
		failures.clear();
		files.clear();
		startedNanos = System.nanoTime();
		lastProgressNanos = startedNanos;
	}

	@Override
	public T process(CsvRow row) {
		try {
			return kind.mapper().apply(row);
		}
		catch (RowRejectedException ex) {
			// inside the chunk's transaction: stored with the chunk's rows, or rolled
			// back with them
			reject(ex.error());
			return null;
		}
	}

	@Override
	public void write(Chunk<? extends T> chunk) {
		List<T> items = new ArrayList<>(chunk.getItems());
		ImportCounts counts = kind.importer().importChunk(items, day, error -> {
			reject(error);
			add("import.rejectedOnWrite", 1);
		});
		add("import.inserted", counts.inserted());
		add("import.updated", counts.updated());
		add("import.unchanged", counts.unchanged());
		long now = System.nanoTime();
		if (now - lastProgressNanos >= PROGRESS_EVERY.toNanos()) {
			lastProgressNanos = now;
			long rows = step.getReadCount();
			log.info("{}: {} rows read ({} rows/s)", kind.stepName(), rows, rate(rows, now));
		}
	}

	private void reject(RowError error) {
		rejects.record(day, kind.type(), error);
	}

	private long rate(long rows, long now) {
		double seconds = Math.max(1e-3, (now - startedNanos) / 1e9);
		return Math.round(rows / seconds);
	}

	private void add(String key, long n) {
		ExecutionContext ctx = step.getExecutionContext();
		ctx.putLong(key, ctx.getLong(key, 0L) + n);
	}

	@Override
	public void started(Path file, long rows) {
		files.add(file.getFileName() + " (" + rows + " rows)");
		log.debug("{}: reading {} ({} rows)", kind.stepName(), file, rows);
	}

	@Override
	public void failed(Path file, FileProblem problem) {
		String where = "";
		if (dropFolder != null) {
			Path moved = dropFolder.failed(file, day, problem.getMessage());
			where = " (moved to " + moved + ")";
		}
		failures.add(problem.getMessage() + where);
		log.warn("{}: {}{}", kind.stepName(), problem.getMessage(), where);
	}

	/** Files that could not be imported at all, with the reason. */
	List<String> failures() {
		return List.copyOf(failures);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (dropFolder != null && stepExecution.getStatus() == BatchStatus.COMPLETED) {
			for (Path file : reader.files()) {
				if (java.nio.file.Files.isRegularFile(file)) {
					dropFolder.processed(file, day);
				}
			}
		}
		// written whole from the stored rejects (of every import of the day), so it shows
		// each rejected row once
		rejects.writeFile(day, new RejectsFile(reportsFolder.resolve("rejects-" + day + ".csv")));
		stepExecution.getExecutionContext().putString(Tasklets.SUMMARY, summary(stepExecution));
		Tasklets.putCounts(stepExecution.getExecutionContext(), counts(stepExecution));
		return stepExecution.getExitStatus();
	}

	private static Map<String, Integer> counts(StepExecution s) {
		ExecutionContext ctx = s.getExecutionContext();
		Map<String, Integer> counts = new LinkedHashMap<>();
		counts.put("rows_read", (int) s.getReadCount());
		counts.put("inserted", (int) ctx.getLong("import.inserted", 0L));
		counts.put("updated", (int) ctx.getLong("import.updated", 0L));
		counts.put("unchanged", (int) ctx.getLong("import.unchanged", 0L));
		counts.put("rejected", (int) (s.getFilterCount() + ctx.getLong("import.rejectedOnWrite", 0L)));
		return counts;
	}

	private String summary(StepExecution s) {
		ExecutionContext ctx = s.getExecutionContext();
		long rejected = s.getFilterCount() + ctx.getLong("import.rejectedOnWrite", 0L);
		StringBuilder out = new StringBuilder();
		if (reader.files().isEmpty()) {
			return "no " + kind.type() + " file";
		}
		out.append(String.join(", ",
				files.isEmpty() ? reader.files().stream().map(p -> p.getFileName().toString()).toList() : files));
		out.append(": ")
			.append(s.getReadCount())
			.append(" rows read, ")
			.append(new ImportCounts(ctx.getLong("import.inserted", 0L), ctx.getLong("import.updated", 0L),
					ctx.getLong("import.unchanged", 0L)))
			.append(", ")
			.append(rejected)
			.append(" rejected");
		if (s.getReadCount() >= 10_000) {
			out.append(" (").append(rate(s.getReadCount(), System.nanoTime())).append(" rows/s)");
		}
		for (String failure : failures) {
			out.append("\n      FILE NOT IMPORTED: ").append(failure);
		}
		return out.toString();
	}

}
