package io.introflow.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import io.introflow.IntroflowProperties;
import io.introflow.contact.ContactRepository;
import io.introflow.contact.ContactRowMapper;
import io.introflow.contact.SuppressionRowMapper;
import io.introflow.intake.CsvImportReader;
import io.introflow.intake.CsvRow;
import io.introflow.intake.DropFolder;
import io.introflow.intake.ImportRejects;
import io.introflow.intake.IntakeProperties;
import io.introflow.intro.OutcomeRecorder;
import io.introflow.intro.OutcomeRowMapper;
import io.introflow.playbook.PartnerReferral;
import io.introflow.playbook.Reciprocity;
import io.introflow.trigger.TriggerRepository;
import io.introflow.trigger.TriggerRowMapper;

/**
 * Builds the import steps: one per kind of file, reading every file of that kind from the
 * drop folder (the nightly job) or one given file ({@code introflow import}).
 */
@Component
class ImportSteps {

	private final JobRepository jobs;

	private final PlatformTransactionManager tm;

	private final IntroflowProperties properties;

	private final IntakeProperties intake;

	private final List<ImportKind<?>> kinds;

	private final ImportRejects rejects;

	ImportSteps(JobRepository jobs, PlatformTransactionManager tm, IntroflowProperties properties,
			IntakeProperties intake, ContactRepository contacts, TriggerRepository triggers, OutcomeRecorder outcomes,
			Reciprocity reciprocity, ImportRejects rejects) {
		this.jobs = jobs;
		this.rejects = rejects;
		this.tm = tm;
		this.properties = properties;
		this.intake = intake;
		this.kinds = List.of(
				kind("importClients", ContactRowMapper.LAYOUT, new ContactRowMapper(intake.dateFormatters())::map,
						(chunk, day, reject) -> contacts.upsertAll(chunk, day)),
				kind("importTriggers", TriggerRowMapper.LAYOUT, new TriggerRowMapper(intake.dateFormatters())::map,
						(chunk, day, reject) -> triggers.insertAllOnce(chunk)),
				kind("importOutcomes", OutcomeRowMapper.LAYOUT, new OutcomeRowMapper(intake.dateFormatters())::map,
						(chunk, day, reject) -> outcomes.apply(chunk, reject)),
				kind("importSuppressions", SuppressionRowMapper.LAYOUT, new SuppressionRowMapper()::map,
						(chunk, day, reject) -> contacts.suppressAll(chunk)),
				kind("importPartnerReferrals", PartnerReferral.LAYOUT,
						row -> PartnerReferral.map(row, intake.dateFormatters()),
						(chunk, day, reject) -> reciprocity.insertAllOnce(chunk, reject)));
	}

	private <T> ImportKind<T> kind(String step, io.introflow.intake.CsvLayout layout,
			java.util.function.Function<CsvRow, T> mapper, io.introflow.intake.ChunkImporter<T> importer) {
		return new ImportKind<>(step, layout.withAliases(intake.aliases()), mapper, importer);
	}

	List<ImportKind<?>> kinds() {
		return kinds;
	}

	Optional<ImportKind<?>> byType(String type) {
		return kinds.stream().filter(k -> k.type().equals(type)).findFirst();
	}

	/**
	 * The kind a file is, by its name ({@code clients-2026-03.csv} is {@code clients}).
	 */
	Optional<ImportKind<?>> byFileName(String name) {
		return kinds.stream().filter(k -> k.layout().accepts(name)).findFirst();
	}

	/**
	 * A step that imports every file of its kind waiting in the inbox, then archives
	 * them.
	 */
	Step fromInbox(ImportKind<?> kind) {
		DropFolder drop = new DropFolder(properties.folders().inbox());
		return build(kind, kind.stepName(), () -> drop.waiting(kind.layout()), drop).step();
	}

	/**
	 * A step that imports one file and leaves it where it is; the state tells which files
	 * failed as a whole.
	 */
	Built forFile(ImportKind<?> kind, Path file) {
		return build(kind, kind.stepName(), () -> List.of(file), null);
	}

	record Built(Step step, ImportStepState<?> state) {
	}

	private <T> Built build(ImportKind<T> kind, String name, java.util.function.Supplier<List<Path>> files,
			DropFolder drop) {
		ImportStepState<T> state = new ImportStepState<>(kind, properties.folders().reports(), drop, rejects);
		CsvImportReader reader = new CsvImportReader(files, kind.layout(), intake.dialect(kind.type()), state);
		state.reader(reader);
		Step step = new StepBuilder(name, jobs).<CsvRow, T>chunk(intake.chunkSize())
			.transactionManager(tm)
			.reader(reader)
			.processor(state)
			.writer(state)
			.listener(state)
			.build();
		return new Built(step, state);
	}

}
