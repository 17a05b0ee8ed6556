package io.introflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.IntroflowProperties;
import io.introflow.batch.RunLock;
import io.introflow.outbound.Outbox;
import io.introflow.outbound.OutboxRelay;

/**
 * {@code introflow send [--dry-run]}: relays the outbox now, for operators who send during the day (sending windows)
 * or split the night.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
		description = "Send every queued email that is due, with the limits of batch-config/sending.yml. "
				+ "--dry-run writes them as .eml files instead and changes nothing.")
class SendCommand extends SpringCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--dry-run", description = "Write each queued email as an .eml file instead of sending it.")
	boolean dryRun;

	@Option(names = "--output", description = "Folder for --dry-run (default: outbox-preview/ in the home folder).")
	Path output;

	@Option(names = "--mark-sent", paramLabel = "ID", description = "An email left in doubt (by a crash, or by "
			+ "a server that gave no answer after the message) was delivered "
			+ "(check the SMTP log for its Message-ID): mark it SENT. Sends nothing.")
	List<Long> markSent = new java.util.ArrayList<>();

	@Option(names = "--requeue", paramLabel = "ID", description = "An email left in doubt was not "
			+ "delivered: queue it again for the next send. Sends nothing.")
	List<Long> requeue = new java.util.ArrayList<>();

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = start(Map.of())) {
			OutboxRelay relay = context.getBean(OutboxRelay.class);
			if (!markSent.isEmpty() || !requeue.isEmpty()) {
				return resolve(context.getBean(Outbox.class), out);
			}
			if (dryRun) {
				Path folder = (output != null) ? output.toAbsolutePath() : home().resolve("outbox-preview");
				List<Path> written = relay.dryRun(folder);
				out.println(written.size() + " queued emails written to " + folder + "; nothing was sent");
			}
			else {
				// one relay at a time, and never while a nightly run sends
				try (RunLock lock = RunLock.acquire(context.getBean(IntroflowProperties.class), "send")) {
					OutboxRelay.Result result = relay.relay();
					out.println(result);
					result.inDoubtLines().forEach(out::println);
				}
			}
			out.flush();
			return IntroflowMain.OK;
		}
	}

	private int resolve(Outbox outbox, PrintWriter out) {
		List<String> notInDoubt = new java.util.ArrayList<>();
		for (long id : markSent) {
			if (outbox.resolveInDoubt(id, true)) {
				out.println("outbound " + id + ": marked SENT");
			}
			else {
				notInDoubt.add(String.valueOf(id));
			}
		}
		for (long id : requeue) {
			if (outbox.resolveInDoubt(id, false)) {
				out.println("outbound " + id + ": queued again; the next send delivers it");
			}
			else {
				notInDoubt.add(String.valueOf(id));
			}
		}
		out.flush();
		if (!notInDoubt.isEmpty()) {
			throw new CommandLine.ParameterException(spec.commandLine(), "not in doubt (unknown, or not SENDING): "
					+ String.join(", ", notInDoubt) + "; see the run report or `introflow status`");
		}
		return IntroflowMain.OK;
	}

}
