package io.introflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.batch.RunLock;
import io.introflow.batch.RunLocks;
import io.introflow.correction.CorrectionRefusedException;
import io.introflow.correction.Corrections;
import io.introflow.inbound.Classification;
import io.introflow.inbound.FolderSource;
import io.introflow.inbound.InboundProperties;
import io.introflow.inbound.InboundSource;
import io.introflow.inbound.InboundStore;
import io.introflow.inbound.ReplyProcessor;

/**
 * {@code introflow replies [--from-folder DIR]}: reads new replies (from the configured
 * source, or a Maildir or a folder of {@code .eml} files), stores them, classifies them
 * and applies their effects, outside the nightly run. A Maildir's messages move from
 * {@code new/} to {@code cur/} once stored; {@code .eml} files are left as they are.
 * {@code introflow replies reclassify ID CLASS} corrects how one reply was read.
 */
@Command(name = "replies", mixinStandardHelpOptions = true,
		description = "Read, store and classify new replies now (from the configured source, or --from-folder).",
		subcommands = RepliesCommand.Reclassify.class)
class RepliesCommand extends SpringCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--from-folder", paramLabel = "DIR",
			description = "A Maildir (each stored message is moved from new/ to cur/, as a mail program would), "
					+ "or a folder of .eml files (read, never changed), instead of the configured source.")
	Path folder;

	@Option(names = "--date", description = "The day the effects are recorded on (default: today).")
	LocalDate date;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = start(Map.of())) {
			// never while a nightly run reads the same mailbox
			if (folder == null && context.getBean(InboundProperties.class).source() == InboundProperties.Source.NONE) {
				throw new ConfigurationProblem("no inbound source is configured (introflow.inbound.source is none): "
						+ "set introflow.inbound.source=imap with introflow.imap.host, username and password, or "
						+ "introflow.inbound.source=folder with introflow.inbound.folder, in "
						+ home().resolve("config").resolve("application.yml") + "; or read a folder now with "
						+ "--from-folder DIR", null);
			}
			try (RunLock lock = context.getBean(RunLocks.class).acquire("replies")) {
				int stored = (folder != null) ? context.getBean(FolderSource.class).fetch(folder.toAbsolutePath())
						: context.getBean(InboundSource.class).fetch();
				Map<Classification.Kind, Integer> counts = context.getBean(ReplyProcessor.class)
					.processStored(date != null ? date : LocalDate.now());
				out.println(stored + " new messages stored; classified: " + counts);
				for (InboundStore.Unreadable u : context.getBean(InboundStore.class).unreadable()) {
					out.println("UNREADABLE (kept, not interpreted): inbound " + u.id() + " from " + u.source() + ": "
							+ u.evidence());
				}
			}
			out.flush();
			return IntroflowMain.OK;
		}
	}

	/** {@code introflow replies reclassify ID CLASS}. */
	@Command(name = "reclassify", mixinStandardHelpOptions = true,
			description = { "Say what a reply really meant: the new class is stored (the old one stays in its "
					+ "evidence and in a RECLASSIFIED event), what the old class did to the state is undone, and the "
					+ "new class's effects are applied as if Introflow had read it so. A suppression stays.",
					"ID is the inbound message's id (introflow status --intro TOKEN). CLASS is one of: AUTO_REPLY, "
							+ "UNSUBSCRIBE, INTRO_MADE, PROSPECT_ENGAGED, DECLINED, NOT_RIGHT_PERSON, AGREED, "
							+ "QUESTION, NEEDS_REVIEW." })
	static class Reclassify extends SpringCommand implements Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@CommandLine.Parameters(index = "0", paramLabel = "ID", description = "The inbound message's id.")
		long id;

		@CommandLine.Parameters(index = "1", paramLabel = "CLASS", description = "What the reply means.")
		String kind;

		@Option(names = "--note", paramLabel = "TEXT", description = "Why: kept with the RECLASSIFIED event.")
		String note;

		@Option(names = "--by", paramLabel = "NAME", description = "Who corrects it (default: the user running it).")
		String by = IntroCommand.defaultBy();

		@Option(names = "--date", description = "The day the effects are recorded on (default: today).")
		LocalDate date;

		@Override
		public Integer call() {
			Classification.Kind to = parseKind();
			PrintWriter out = spec.commandLine().getOut();
			try (ConfigurableApplicationContext context = start(Map.of())) {
				Corrections.Reclassified r = context.getBean(Corrections.class)
					.reclassify(id, to, note, by, date != null ? date : LocalDate.now());
				out.println("Inbound " + r.inboundId() + ": " + r.from() + " -> " + r.to());
				r.intro()
					.ifPresentOrElse(c -> IntroCommand.print(out, c),
							() -> out.println("  it matches no introduction: only its class changed"));
				out.flush();
				return IntroflowMain.OK;
			}
			catch (CorrectionRefusedException ex) {
				throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
			}
		}

		private Classification.Kind parseKind() {
			try {
				Classification.Kind k = Classification.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
				if (Corrections.RECLASSIFIABLE.contains(k)) {
					return k;
				}
			}
			catch (IllegalArgumentException ex) {
				// named below with the classes allowed
			}
			throw new CommandLine.ParameterException(spec.commandLine(),
					"unknown class '" + kind + "'; one of " + Corrections.RECLASSIFIABLE);
		}

	}

}
