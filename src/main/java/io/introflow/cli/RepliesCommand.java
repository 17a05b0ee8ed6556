package io.introflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.IntroflowProperties;
import io.introflow.batch.RunLock;
import io.introflow.inbound.Classification;
import io.introflow.inbound.FolderSource;
import io.introflow.inbound.InboundSource;
import io.introflow.inbound.InboundStore;
import io.introflow.inbound.ReplyProcessor;

/**
 * {@code introflow replies [--from-folder DIR]}: reads new replies (from the configured source, or a Maildir or a
 * folder of {@code .eml} files), stores them, classifies them and applies their effects, outside the nightly run. A
 * Maildir's messages move from {@code new/} to {@code cur/} once stored; {@code .eml} files are left as they are.
 */
@Command(name = "replies", mixinStandardHelpOptions = true,
		description = "Read, store and classify new replies now (from the configured source, or --from-folder).")
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
			try (RunLock lock = RunLock.acquire(context.getBean(IntroflowProperties.class), "replies")) {
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

}
