package io.introflow.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.contact.ContactRepository;

/**
 * Relays queued outbox rows over a pool of {@link SmtpConnection}s, each reused for all the messages it sends. A
 * connection's {@link Claims} claim a few rows ({@code SENDING}) in one committed transaction before any is handed to
 * the server, and mark the delivered ones {@code SENT} with the next claim; the {@link SendJournal} says in between
 * which were handed over and accepted, so a crash can leave at most one row per connection in doubt.
 * <p>
 * Each failed attempt is decided by {@link AttemptVerdict}: 4xx replies and errors before the final {@code .} are tried
 * again in the same run after an exponential backoff with jitter, up to {@code retry.max-attempts}; a 5xx reply fails
 * the row; no answer after the final {@code .} leaves it in doubt, never resent automatically. Every reply and every
 * message has a deadline ({@link Watchdog}), and a relay that does not answer opens the {@link CircuitBreaker}: the
 * rest stays queued for the next run. Failures are recorded per row and never thrown: mail is not transactional.
 * Rows outside the recipient's sending window or over their sender's daily cap wait for the next run.
 */
@Component
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 500;

	/** Rows a connection claims in one commit. */
	private static final int CLAIM_AHEAD = 32;

	private final Outbox outbox;

	private final ContactRepository contacts;

	private final SmtpProperties smtp;

	private final SendingProperties sending;

	private final IntroflowProperties properties;

	private final Clock clock;

	OutboxRelay(Outbox outbox, ContactRepository contacts, SmtpProperties smtp, SendingProperties sending,
			IntroflowProperties properties, Clock clock) {
		this.outbox = outbox;
		this.contacts = contacts;
		this.smtp = smtp;
		this.sending = sending;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * What one relay pass did. {@code held}: rows left queued for the next run (window or daily cap);
	 * {@code inDoubt}: rows {@code SENDING} after the pass (from this run or an earlier one), never resent;
	 * {@code leftQueued} and {@code unreachable}: rows not tried because the circuit breaker opened, and why.
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

		/** One line per email in doubt, with what happened and the commands that settle it. */
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
		Path journalFile = properties.home().resolve("data").resolve("outbox.journal");
		int settled = outbox.recover(SendJournal.read(journalFile));
		if (settled > 0) {
			log.info("Settled {} outbound rows an earlier run left SENDING, from its send journal", settled);
		}
		List<Outbox.Row> inDoubt = outbox.inDoubt();
		for (Outbox.Row row : inDoubt) {
			log.warn("Outbound {} ({} to {}) was being sent when an earlier run stopped; not resent. "
					+ "Check the recipient's mailbox or the SMTP log, then resolve it by hand.", row.id(),
					row.stepKey(), row.recipient());
		}
		Pass pass = new Pass();
		try (SendJournal journal = SendJournal.start(journalFile);
				Watchdog watchdog = new Watchdog(smtp.commandDeadline(), smtp.messageDeadline())) {
			pass.run(journal, watchdog);
		}
		// reached only when the database holds everything the journal said
		SendJournal.discard(journalFile);
		String unreachable = pass.breaker.reason();
		if (unreachable != null) {
			log.warn("The SMTP relay is unreachable: {}; the rest stays queued for the next run", unreachable);
		}
		int leftQueued = (unreachable != null) ? Math.max(0, outbox.countQueued() - pass.held.size()) : 0;
		return new Result(pass.sent.get(), pass.failed.get(), pass.retried.get(), pass.held.size(),
				outbox.inDoubt(), leftQueued, unreachable);
	}

	/** Writes every queued message as an {@code .eml} file instead of sending it; nothing changes in the outbox. */
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

	/** One run of the relay: sweeps of the due rows, shared by the connection workers. */
	private final class Pass {

		private final Outbox.Row endOfWork = new Outbox.Row(-1, -1, "", "", "", "", 0, null, null, null);

		private final Properties sessionProperties = sessionProperties();

		private final Session session = Session.getInstance(sessionProperties);

		private final Bucket rate = rateLimit();

		private final CircuitBreaker breaker = new CircuitBreaker(smtp.breakerThreshold());

		private final Map<String, AtomicInteger> sentToday = new ConcurrentHashMap<>();

		private final Set<Long> held = ConcurrentHashMap.newKeySet();

		private final AtomicInteger sent = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final AtomicInteger retried = new AtomicInteger();

		private final Set<String> suppressed = ConcurrentHashMap.newKeySet();

		private GroupCommit commits;

		private SendJournal journal;

		private Watchdog watchdog;

		void run(SendJournal journal, Watchdog watchdog) {
			this.journal = journal;
			this.watchdog = watchdog;
			try (GroupCommit group = new GroupCommit(outbox)) {
				commits = group;
				runSweeps();
			}
		}

		private void runSweeps() {
			outbox.sentTodayBySender().forEach((sender, n) -> sentToday.put(sender, new AtomicInteger(n)));
			suppressed.addAll(contacts.suppressedAddresses());
			while (!breaker.isOpen()) {
				sweep();
				// rows that failed for a temporary reason are tried again in this run, after their backoff
				var next = outbox.retries()
					.entrySet()
					.stream()
					.filter(e -> !held.contains(e.getKey()))
					.map(Map.Entry::getValue)
					.min(OffsetDateTime::compareTo);
				if (next.isEmpty() || breaker.isOpen()) {
					return;
				}
				Duration wait = Duration.between(OffsetDateTime.now(clock), next.get());
				if (wait.compareTo(sending.retry().maxBackoff().plusSeconds(1)) > 0) {
					return;
				}
				if (!wait.isNegative()) {
					sleep(Math.max(1, wait.toMillis()));
				}
			}
		}

		/** Hands every due row, oldest first, to the workers, and waits until they are done. */
		private void sweep() {
			int workers = sending.connections();
			BlockingQueue<Outbox.Row> work = new ArrayBlockingQueue<>(BATCH * 2);
			List<Thread> threads = new ArrayList<>();
			for (int i = 0; i < workers; i++) {
				Thread t = new Thread(() -> work(work), "smtp-" + i);
				t.start();
				threads.add(t);
			}
			try {
				long lastId = 0;
				List<Outbox.Row> batch;
				while (!breaker.isOpen() && !(batch = outbox.queued(BATCH, lastId)).isEmpty()) {
					for (Outbox.Row row : batch) {
						lastId = row.id();
						if (!held.contains(row.id())) {
							work.put(row);
						}
					}
				}
				for (int i = 0; i < workers; i++) {
					work.put(endOfWork);
				}
				for (Thread t : threads) {
					t.join();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				threads.forEach(Thread::interrupt);
			}
		}

		private void work(BlockingQueue<Outbox.Row> work) {
			Worker worker = new Worker(new Claims(outbox, commits, journal));
			SmtpConnection connection = new SmtpConnection(session, sessionProperties, smtp, watchdog);
			try {
				List<Outbox.Row> rows = new ArrayList<>(CLAIM_AHEAD);
				while (takeSome(work, rows)) {
					worker.deliver(connection, rows);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				connection.forget();
				worker.claims.flush();
			}
		}

		/** Up to {@link #CLAIM_AHEAD} rows, waiting for the first; false at the end of the work. */
		private boolean takeSome(BlockingQueue<Outbox.Row> work, List<Outbox.Row> rows) throws InterruptedException {
			rows.clear();
			Outbox.Row row = work.take();
			while (row != null && row != endOfWork) {
				rows.add(row);
				row = (rows.size() < CLAIM_AHEAD) ? work.poll() : null;
			}
			if (row == endOfWork && !rows.isEmpty()) {
				// the end is for the next call (or another worker)
				work.put(endOfWork);
			}
			return !rows.isEmpty();
		}

		/** One connection's sender: it decides, for each row it took, whether and how it goes out. */
		private final class Worker {

			private final Claims claims;

			Worker(Claims claims) {
				this.claims = claims;
			}

			void deliver(SmtpConnection connection, List<Outbox.Row> rows) {
				if (breaker.isOpen()) {
					// the relay is unreachable: the rows stay queued, unclaimed, for the next run
					return;
				}
				List<Outbox.Row> due = new ArrayList<>();
				for (Outbox.Row row : rows) {
					if (suppressed.contains(row.recipient().toLowerCase(Locale.ROOT))) {
						if (outbox.failQueued(row.id(), "recipient is suppressed; not sent")) {
							failed.incrementAndGet();
						}
					}
					else if (!sending.window().allows(ZonedDateTime.now(clock), zone(row.timeZone()))
							|| !reserveUnderCap(row.sender())) {
						held.add(row.id());
					}
					else {
						due.add(row);
					}
				}
				Set<Long> claimed = claims.claim(due.stream().map(Outbox.Row::id).toList());
				Map<Long, byte[]> mimes = outbox.mimes(claimed);
				String unreachable = null;
				for (Outbox.Row row : due) {
					if (!claimed.contains(row.id())) {
						unreserve(row.sender());
					}
					else if (unreachable != null) {
						unreserve(row.sender());
						claims.postpone(row.id(), "relay unreachable: " + unreachable, retryAt(1));
					}
					else if (breaker.isOpen() || Thread.currentThread().isInterrupted() || !takeRateToken()) {
						unreserve(row.sender());
						claims.release(row.id());
					}
					else {
						unreachable = send(connection, row, mimes.get(row.id()));
					}
				}
			}

			/** @return why the relay could not be reached, or null when the message was handed over or refused */
			private String send(SmtpConnection connection, Outbox.Row row, byte[] mime) {
				DeadlineTransport transport;
				try {
					transport = connection.transport();
				}
				catch (RelayUnreachableException ex) {
					unreserve(row.sender());
					int failures = breaker.failed(ex.getMessage());
					claims.postpone(row.id(), "relay unreachable: " + ex.getMessage(), retryAt(failures));
					log.warn("SMTP relay unreachable ({} in a row): {}", failures, ex.getMessage());
					if (!breaker.isOpen()) {
						sleep(sending.retry().backoff(failures, ThreadLocalRandom.current().nextDouble()).toMillis());
					}
					return ex.getMessage();
				}
				catch (MessagingException ex) {
					unreserve(row.sender());
					failedAttempt(connection, row, ex);
					return null;
				}
				breaker.succeeded();
				connection.messageStarted();
				try {
					SMTPMessage message = new StoredMessage(session, mime);
					message.setEnvelopeFrom(bounceAddress(row.messageId()));
					claims.handingOver(row.id());
					transport.sendMessage(message, new Address[] { new InternetAddress(row.recipient()) });
					claims.delivered(row.id());
					sent.incrementAndGet();
				}
				catch (MessagingException ex) {
					failedAttempt(connection, row, ex);
				}
				finally {
					connection.messageEnded();
				}
				return null;
			}

			private void failedAttempt(SmtpConnection connection, Outbox.Row row, MessagingException ex) {
				int attempt = row.attempts() + 1;
				AttemptVerdict verdict = AttemptVerdict.of(ex, connection.finalDotSent(), connection.expired(),
						attempt, sending.retry());
				if (verdict.resetConnection()) {
					connection.reset();
				}
				String reason = verdict.reason();
				switch (verdict.outcome()) {
					case IN_DOUBT -> {
						claims.inDoubt(row.id(), reason);
						log.warn("Outbound {} to {} is in doubt: {}", row.id(), row.recipient(), reason);
					}
					case FAIL -> {
						unreserve(row.sender());
						claims.fail(row.id(), reason);
						if (verdict.suppressRecipient()) {
							contacts.suppress(row.recipient(), "hard_bounce", "smtp:" + reason);
							suppressed.add(row.recipient().toLowerCase(Locale.ROOT));
						}
						failed.incrementAndGet();
						log.warn("Outbound {} to {} failed: {}", row.id(), row.recipient(), reason);
					}
					case RETRY -> {
						unreserve(row.sender());
						claims.retry(row.id(), reason, retryAt(attempt));
						retried.incrementAndGet();
						log.info("Outbound {} to {}: {}; trying again later", row.id(), row.recipient(), reason);
					}
				}
			}

			private OffsetDateTime retryAt(int attempt) {
				return OffsetDateTime.now(clock)
					.plus(sending.retry().backoff(attempt, ThreadLocalRandom.current().nextDouble()));
			}

			/** Counts a message against its sender's daily cap; false (and nothing counted) when the cap is reached. */
			private boolean reserveUnderCap(String sender) {
				int cap = sending.perSenderDailyCap();
				AtomicInteger count = sentToday.computeIfAbsent(sender, s -> new AtomicInteger());
				if (count.incrementAndGet() > cap && cap > 0) {
					count.decrementAndGet();
					return false;
				}
				return true;
			}

			private void unreserve(String sender) {
				sentToday.get(sender).decrementAndGet();
			}

			private boolean takeRateToken() {
				if (rate != null) {
					try {
						rate.asBlocking().consume(1);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return false;
					}
				}
				return true;
			}

		}

	}

	private Bucket rateLimit() {
		double perSecond = sending.messagesPerSecond();
		if (perSecond <= 0) {
			return null;
		}
		long capacity = Math.max(1, (long) Math.ceil(perSecond));
		Duration period = Duration.ofNanos(Math.max(1, Math.round(1e9 * capacity / perSecond)));
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).initialTokens(1).build())
			.build();
	}

	private static ZoneId zone(String id) {
		try {
			return (id != null) ? ZoneId.of(id) : ZoneOffset.UTC;
		}
		catch (RuntimeException ex) {
			return ZoneOffset.UTC;
		}
	}

	/** VERP: the envelope sender names the introduction, so a bounce finds its way back to it. */
	String bounceAddress(String messageId) {
		String id = messageId.replace("<", "").replace(">", "");
		int dot = id.indexOf('.');
		int at = id.indexOf('@');
		String token = (dot > 0 && at > dot) ? id.substring(dot + 1, at) : "";
		return (token.matches("[a-z0-9]{1,40}") ? "bounce+" + token : "bounces") + "@"
				+ properties.mail().replyDomain();
	}

	private static void sleep(long millis) {
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
		// the connection opens its own socket (SmtpConnection): timeouts and deadlines are set there
		props.put(p + "auth", String.valueOf(smtp.hasCredentials()));
		if (!smtp.ssl()) {
			props.put(p + "starttls.enable", String.valueOf(!smtp.starttls().equals("off")));
			props.put(p + "starttls.required", String.valueOf(smtp.starttls().equals("required")));
		}
		if (smtp.trust() != null && !smtp.trust().isBlank()) {
			// the operator pinned these hosts: their certificate is accepted as it is (self-signed, any name)
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
