package io.introflow.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.contact.ContactRepository;

/**
 * Relays queued outbox rows: each run is a {@link RelayPass}, with a
 * {@link ConnectionWorker} per pooled {@link SmtpConnection}, each connection reused for
 * all the messages it sends. A connection's {@link Claims} claim a few rows
 * ({@code SENDING}) in one committed transaction before any is handed to the server, and
 * mark the delivered ones {@code SENT} with the next claim; the {@link SendJournal} says
 * in between which were handed over and accepted, so a crash can leave at most one row
 * per connection in doubt.
 * <p>
 * Each failed attempt is decided by {@link AttemptVerdict}: 4xx replies and errors before
 * the final {@code .} are tried again in the same run after an exponential backoff with
 * jitter, up to {@code retry.max-attempts}; a 5xx reply fails the row; no answer after
 * the final {@code .} leaves it in doubt, never resent automatically. Every reply and
 * every message has a deadline ({@link Watchdog}), and a relay that does not answer opens
 * the {@link CircuitBreaker}: the rest stays queued for the next run. Failures are
 * recorded per row and never thrown: mail is not transactional. Rows outside the
 * recipient's sending window or over their sender's daily cap wait for the next run.
 */
@Component
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final Outbox outbox;

	private final ContactRepository contacts;

	private final SmtpProperties smtp;

	private final SendingProperties sending;

	private final IntroflowProperties properties;

	private final Clock clock;

	private final ObjectProvider<SendRefusals> refusals;

	private final SendWorkers workers;

	private final JdbcClient jdbc;

	private final AtomicBoolean stopping = new AtomicBoolean();

	OutboxRelay(Outbox outbox, ContactRepository contacts, SmtpProperties smtp, SendingProperties sending,
			IntroflowProperties properties, Clock clock, ObjectProvider<SendRefusals> refusals, SendWorkers workers,
			JdbcClient jdbc) {
		this.workers = workers;
		this.jdbc = jdbc;
		this.refusals = refusals;
		this.outbox = outbox;
		this.contacts = contacts;
		this.smtp = smtp;
		this.sending = sending;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * What one relay pass did. {@code held}: rows left queued for the next run (window or
	 * daily cap); {@code inDoubt}: rows {@code SENDING} after the pass (from this run or
	 * an earlier one), never resent; {@code leftQueued} and {@code unreachable}: rows not
	 * tried because the circuit breaker opened, and why.
	 */
	public record Result(int sent, int failed, int retried, int held, List<Outbox.Row> inDoubt, int leftQueued,
			String unreachable) {

		@Override
		public String toString() {
			return sent + " sent, " + failed + " failed, " + retried + " retried, " + held
					+ " held for the next run (window or daily cap), " + inDoubt.size() + " in doubt (not resent)"
					+ ((unreachable != null) ? "; " + leftQueued + " emails left queued: relay unreachable: "
							+ unreachable + "; the next run sends them" : "");
		}

		/** The counts, by stable lower-case keys, for {@code --json}. */
		public Map<String, Integer> counts() {
			Map<String, Integer> counts = new LinkedHashMap<>();
			counts.put("sent", sent);
			counts.put("failed", failed);
			counts.put("retried", retried);
			counts.put("held", held);
			counts.put("in_doubt", inDoubt.size());
			counts.put("left_queued", leftQueued);
			return counts;
		}

		/**
		 * One line per email in doubt, with what happened and the commands that settle
		 * it.
		 */
		public List<String> inDoubtLines() {
			return inDoubt.stream()
				.map(row -> "IN DOUBT (not resent): outbound " + row.id() + " " + row.stepKey() + " to "
						+ row.recipient() + ((row.lastError() != null) ? ": " + row.lastError() : "")
						+ "; check the SMTP log for its Message-ID, then: introflow send --mark-sent " + row.id()
						+ " (or --requeue " + row.id() + ")")
				.toList();
		}

	}

	public Result relay() {
		return relay("send");
	}

	/**
	 * One pass over the due rows. On PostgreSQL it is one worker among any others
	 * ({@link SendWorkers}): it first settles the rows of workers that stopped, claims
	 * with {@code SKIP LOCKED}, keeps its journal and the sending budget in the database,
	 * and needs no {@code data/} folder. On H2 the one process keeps its journal in
	 * {@code data/outbox.journal} and its budget in memory.
	 * @param what what runs the pass, for the worker's name ({@code send --worker})
	 */
	public Result relay(String what) {
		RelayPass pass = new RelayPass(outbox, contacts, smtp, sending, clock, sessionProperties(), this::bounceAddress,
				refusals.getIfAvailable(() -> this::suppressRefused), stopping::get);
		if (workers.shared()) {
			workers.settleStopped();
			warnInDoubt();
			try (SendWorkers.Lease lease = workers.register(what);
					Watchdog watchdog = new Watchdog(smtp.commandDeadline(), smtp.messageDeadline())) {
				LocalDate day = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
				pass.run(new DatabaseSendJournal(jdbc, lease.id()), new SharedSendingBudget(jdbc, sending, day),
						lease.id(), watchdog);
			}
		}
		else {
			Path journalFile = properties.home().resolve("data").resolve("outbox.journal");
			int settled = outbox.recover(FileSendJournal.read(journalFile));
			if (settled > 0) {
				log.info("Settled {} outbound rows an earlier run left SENDING, from its send journal", settled);
			}
			warnInDoubt();
			try (SendJournal journal = FileSendJournal.start(journalFile);
					Watchdog watchdog = new Watchdog(smtp.commandDeadline(), smtp.messageDeadline())) {
				pass.run(journal, new LocalSendingBudget(sending, outbox.sentTodayBySender()), null, watchdog);
			}
			// reached only when the database holds everything the journal said
			FileSendJournal.discard(journalFile);
		}
		return result(pass);
	}

	/**
	 * Asks the relay to stop (the process is shutting down): a pass that runs claims
	 * nothing more, finishes the messages it is handing over, marks what was delivered
	 * and leaves the rest queued; no pass starts after.
	 */
	public void stop() {
		stopping.set(true);
	}

	public boolean stopping() {
		return stopping.get();
	}

	private void warnInDoubt() {
		for (Outbox.Row row : outbox.inDoubt()) {
			log.warn(
					"Outbound {} ({} to {}) was being sent when an earlier run stopped; not resent. "
							+ "Check the recipient's mailbox or the SMTP log, then resolve it by hand.",
					row.id(), row.stepKey(), row.recipient());
		}
	}

	private Result result(RelayPass pass) {
		String unreachable = pass.breaker.reason();
		if (unreachable != null) {
			log.warn("The SMTP relay is unreachable: {}; the rest stays queued for the next run", unreachable);
		}
		int leftQueued = (unreachable != null) ? Math.max(0, outbox.countQueued() - pass.held.size()) : 0;
		return new Result(pass.sent.get(), pass.failed.get(), pass.retried.get(), pass.held.size(), outbox.inDoubt(),
				leftQueued, unreachable);
	}

	/**
	 * Without a reader of bounce reasons (a context without the {@code inbound} package):
	 * a refused recipient is suppressed, as a hard bounce.
	 */
	private boolean suppressRefused(SendRefusals.Refusal refusal) {
		contacts.suppress(refusal.recipient(), "hard_bounce",
				"outbound:" + refusal.outboundId() + " " + refusal.text());
		return true;
	}

	/**
	 * Writes every queued message as an {@code .eml} file instead of sending it; nothing
	 * changes in the outbox.
	 */
	public List<Path> dryRun(Path folder) {
		try {
			Files.createDirectories(folder);
			List<Path> written = new ArrayList<>();
			for (Outbox.Row row : outbox.allQueued()) {
				String name = String.format("%06d-%s-%s.eml", row.id(), row.stepKey(),
						row.recipient().replaceAll("[^a-zA-Z0-9.@-]", "_"));
				written.add(Files.write(folder.resolve(name), outbox.mime(row.id())));
			}
			return written;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the dry run to " + folder, ex);
		}
	}

	/**
	 * VERP: the envelope sender names the introduction, so a bounce finds its way back to
	 * it.
	 */
	String bounceAddress(String messageId) {
		String id = messageId.replace("<", "").replace(">", "");
		int dot = id.indexOf('.');
		int at = id.indexOf('@');
		String token = (dot > 0 && at > dot) ? id.substring(dot + 1, at) : "";
		return (token.matches("[a-z0-9]{1,40}") ? "bounce+" + token : "bounces") + "@"
				+ properties.mail().replyDomain();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	Properties sessionProperties() {
		String protocol = smtp.ssl() ? "smtps" : "smtp";
		String p = "mail." + protocol + ".";
		Properties props = new Properties();
		props.put("mail.transport.protocol", protocol);
		props.put(p + "host", smtp.host());
		props.put(p + "port", String.valueOf(smtp.port()));
		props.put(p + "localhost", smtp.heloName());
		props.put(p + "from", "bounces@" + properties.mail().replyDomain());
		// the connection opens its own socket (SmtpConnection): timeouts and deadlines
		// are set there
		props.put(p + "auth", String.valueOf(smtp.hasCredentials()));
		if (!smtp.ssl()) {
			props.put(p + "starttls.enable", String.valueOf(!smtp.starttls().equals("off")));
			props.put(p + "starttls.required", String.valueOf(smtp.starttls().equals("required")));
		}
		if (smtp.trust() != null && !smtp.trust().isBlank()) {
			// the operator pinned these hosts: their certificate is accepted as it is
			// (self-signed, any name)
			props.put(p + "ssl.trust", smtp.trust());
			props.put(p + "ssl.checkserveridentity", "false");
		}
		else {
			props.put(p + "ssl.checkserveridentity", "true");
		}
		props.put(p + "sendpartial", "false");
		return props;
	}

}
