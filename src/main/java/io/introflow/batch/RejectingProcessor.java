package io.introflow.batch;

import java.time.LocalDate;
import java.util.function.Function;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.introflow.intake.CsvRow;
import io.introflow.intake.RejectsFile;
import io.introflow.intake.RowRejectedException;

/**
 * Maps rows with a feature's row mapper; a rejected row goes to {@code rejects-<run date>.csv} and is filtered out,
 * so the rest of the file is imported.
 */
class RejectingProcessor<T> implements ItemProcessor<CsvRow, T>, StepExecutionListener {

	private final Function<CsvRow, T> mapper;

	private final java.nio.file.Path reportsFolder;

	private RejectsFile rejects;

	RejectingProcessor(Function<CsvRow, T> mapper, java.nio.file.Path reportsFolder) {
		this.mapper = mapper;
		this.reportsFolder = reportsFolder;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		LocalDate day = stepExecution.getJobParameters().getLocalDate(NightlyJobConfiguration.RUN_DATE);
		rejects = new RejectsFile(reportsFolder.resolve("rejects-" + day + ".csv"));
	}

	@Override
	public T process(CsvRow row) {
		try {
			return mapper.apply(row);
		}
		catch (RowRejectedException ex) {
			rejects.append(ex.error());
			return null;
		}
	}

}
