package io.introflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.introflow.batch.RunLock;
import io.introflow.batch.RunLocks;
import io.introflow.outbound.Outbox;
import io.introflow.outbound.OutboxRelay;
import io.introflow.outbound.SendWorkers;

/**
 * {@code introflow send [--dry-run]}: relays the outbox now, for operators who send
 * during the day (sending windows) or split the night. {@code introflow send --worker}
 * (PostgreSQL) keeps sending, alongside other workers and the nightly run, until it is
 * stopped.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
		description = "Send every queued email that is due, with the limits of batch-config/sending.yml. "
				+ "--dry-run writes them as .eml files instead and changes nothing. "
				+ "--worker (PostgreSQL) keeps sending until stopped (SIGTERM), next to other workers.")
class SendCommand extends SpringCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--dry-run", description = "Write each queued email as an .eml file instead of sending it.")
	boolean dryRun;

	@Option(names = "--output", description = "Folder for --dry-run (default: outbox-preview/ in the home folder).")
	Path output;

	@Option(names = "--mark-sent", paramLabel = "ID",
			description = "An email left in doubt (by a crash, or by "
					+ "a server that gave no answer after the message) was delivered "
					+ "(check the SMTP log for its Message-ID): mark it SENT. Sends nothing.")
	List<Long> markSent = new java.util.ArrayList<>();

	@Option(names = "--requeue", paramLabel = "ID", description = "An email left in doubt was not "
			+ "delivered: queue it again for the next send. Sends nothing.")
	List<Long> requeue = new java.util.ArrayList<>();

	@Option(names = "--worker", description = "Keep sending until stopped (SIGTERM), one of several send workers on "
			+ "one PostgreSQL database: takes no run lock, claims rows no other worker holds; the rate limit and the "
			+ "daily caps hold over all workers. Needs PostgreSQL.")
	boolean worker;

	@Option(names = "--poll-seconds", paramLabel = "SECONDS", defaultValue = "10",
			description = "With --worker: how long to wait after a pass that found nothing to send (default: 10).")
	int pollSeconds;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = start(Map.of())) {
			OutboxRelay relay = context.getBean(OutboxRelay.class);
			if (!markSent.isEmpty() || !requeue.isEmpty()) {
				return resolve(context.getBean(Outbox.class), out);
			}
			if (worker) {
				return work(context, relay, out);
			}
			if (dryRun) {
				Path folder = (output != null) ? output.toAbsolutePath() : home().resolve("outbox-preview");
				List<Path> written = relay.dryRun(folder);
				out.println(written.size() + " queued emails written to " + folder + "; nothing was sent");
			}
			else {
				// one relay at a time, and never while a nightly run sends
				try (RunLock lock = context.getBean(RunLocks.class).acquire("send")) {
					OutboxRelay.Result result = relay.relay();
					out.println(result);
					result.inDoubtLines().forEach(out::println);
				}
			}
			out.flush();
			return IntroflowMain.OK;
		}
	}

	/**
	 * Passes until the process is asked to stop; a pass that sent nothing is followed by
	 * a pause. The shutdown hook lets the pass under way finish its messages in flight
	 * and mark what was delivered.
	 */
	private int work(ConfigurableApplicationContext context, OutboxRelay relay, PrintWriter out) {
		if (!context.getBean(SendWorkers.class).shared()) {
			throw new CommandLine.ParameterException(spec.commandLine(),
					"send --worker needs PostgreSQL (spring.datasource.url): on H2 one process "
							+ "sends; run `introflow send`, or let `introflow serve` send");
		}
		if (pollSeconds < 1) {
			throw new CommandLine.ParameterException(spec.commandLine(), "--poll-seconds must be at least 1");
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			relay.stop();
			awaitQuietly(stopped, Duration.ofSeconds(60));
		}, "send-worker-stop");
		Runtime.getRuntime().addShutdownHook(hook);
		out.println("send worker started (process " + ProcessHandle.current().pid() + "); between passes that find "
				+ "nothing to send it waits " + pollSeconds + " s; stop it with SIGTERM");
		out.flush();
		try {
			while (!relay.stopping()) {
				OutboxRelay.Result result = relay.relay("send --worker");
				if (result.sent() + result.failed() + result.retried() > 0 || result.unreachable() != null) {
					out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + result);
					result.inDoubtLines().forEach(out::println);
					out.flush();
				}
				if (result.sent() + result.failed() + result.retried() == 0) {
					pause(relay, Duration.ofSeconds(pollSeconds));
				}
			}
			out.println("send worker stopped");
			out.flush();
			return IntroflowMain.OK;
		}
		finally {
			stopped.countDown();
		}
	}

	private static void pause(OutboxRelay relay, Duration wait) {
		long end = System.nanoTime() + wait.toNanos();
		while (!relay.stopping() && System.nanoTime() - end < 0) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				relay.stop();
			}
		}
	}

	private static void awaitQuietly(CountDownLatch latch, Duration wait) {
		try {
			latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
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
