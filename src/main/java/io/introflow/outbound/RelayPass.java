package io.introflow.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import jakarta.mail.Session;

import io.introflow.contact.ContactRepository;

/**
 * One run of the relay: sweeps of the due rows, oldest first, shared by one
 * {@link ConnectionWorker} per connection, again after the backoff of the rows that
 * failed for a temporary reason, until nothing is due or the {@link CircuitBreaker}
 * opens. Holds what the workers share: counts, held rows, suppressions, the budget.
 */
final class RelayPass {

	private static final int BATCH = 500;

	/** Rows a connection claims in one commit. */
	private static final int CLAIM_AHEAD = 32;

	private final Outbox.Row endOfWork = new Outbox.Row(-1, -1, "", "", "", "", 0, null, null, null);

	final Outbox outbox;

	final ContactRepository contacts;

	final SmtpProperties smtp;

	final SendingProperties sending;

	final Clock clock;

	/** What a refused recipient means: read like a bounce, by its reason. */
	final SendRefusals refusals;

	/** The envelope sender of a message, from its Message-ID. */
	final UnaryOperator<String> bounceAddress;

	private final Properties sessionProperties;

	final Session session;

	final CircuitBreaker breaker;

	/**
	 * Rows left queued for the next run: outside their window, or over their sender's
	 * daily cap.
	 */
	final Set<Long> held = ConcurrentHashMap.newKeySet();

	final AtomicInteger sent = new AtomicInteger();

	final AtomicInteger failed = new AtomicInteger();

	final AtomicInteger retried = new AtomicInteger();

	final Set<String> suppressed = ConcurrentHashMap.newKeySet();

	SendingBudget budget;

	/**
	 * True once the process is asked to stop: no more rows are claimed, the rest stays
	 * queued.
	 */
	private final BooleanSupplier stopRequested;

	RelayPass(Outbox outbox, ContactRepository contacts, SmtpProperties smtp, SendingProperties sending, Clock clock,
			Properties sessionProperties, UnaryOperator<String> bounceAddress, SendRefusals refusals,
			BooleanSupplier stopRequested) {
		this.stopRequested = stopRequested;
		this.refusals = refusals;
		this.outbox = outbox;
		this.contacts = contacts;
		this.smtp = smtp;
		this.sending = sending;
		this.clock = clock;
		this.sessionProperties = sessionProperties;
		this.session = Session.getInstance(sessionProperties);
		this.bounceAddress = bounceAddress;
		this.breaker = new CircuitBreaker(smtp.breakerThreshold());
	}

	private GroupCommit commits;

	private SendJournal journal;

	private Watchdog watchdog;

	/**
	 * @param workerId on PostgreSQL, the worker this pass claims for
	 * ({@link SendWorkers}); null on H2
	 */
	void run(SendJournal journal, SendingBudget budget, Long workerId, Watchdog watchdog) {
		this.journal = journal;
		this.budget = budget;
		this.watchdog = watchdog;
		try (GroupCommit group = new GroupCommit(outbox, workerId)) {
			commits = group;
			runSweeps();
		}
	}

	/**
	 * Whether to stop sending: the relay is unreachable, or the process is asked to stop.
	 */
	boolean halted() {
		return breaker.isOpen() || stopRequested.getAsBoolean();
	}

	private void runSweeps() {
		suppressed.addAll(contacts.suppressedAddresses());
		while (!halted()) {
			sweep();
			// rows that failed for a temporary reason are tried again in this run, after
			// their backoff
			var next = outbox.retries()
				.entrySet()
				.stream()
				.filter(e -> !held.contains(e.getKey()))
				.map(Map.Entry::getValue)
				.min(OffsetDateTime::compareTo);
			if (next.isEmpty() || halted()) {
				return;
			}
			Duration wait = Duration.between(OffsetDateTime.now(clock), next.get());
			if (wait.compareTo(sending.retry().maxBackoff().plusSeconds(1)) > 0) {
				return;
			}
			if (!wait.isNegative()) {
				OutboxRelay.sleep(Math.max(1, wait.toMillis()));
			}
		}
	}

	/**
	 * Hands every due row, oldest first, to the workers, and waits until they are done.
	 */
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
			while (!halted() && !(batch = outbox.queued(BATCH, lastId)).isEmpty()) {
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
		Claims claims = new Claims(outbox, commits, journal);
		SmtpConnection connection = new SmtpConnection(session, sessionProperties, smtp, watchdog);
		ConnectionWorker worker = new ConnectionWorker(this, claims, connection);
		try {
			List<Outbox.Row> rows = new ArrayList<>(CLAIM_AHEAD);
			while (takeSome(work, rows)) {
				worker.deliver(rows);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			connection.forget();
			claims.flush();
		}
	}

	/**
	 * Up to {@link #CLAIM_AHEAD} rows, waiting for the first; false at the end of the
	 * work.
	 */
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

}
