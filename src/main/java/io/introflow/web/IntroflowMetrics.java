package io.introflow.web;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.introflow.batch.NightlyRuns;
import io.introflow.inbound.Classification;
import io.introflow.inbound.InboundStore;
import io.introflow.outbound.Outbox;
import io.introflow.playbook.Sequences;

/**
 * Introflow's own metrics on {@code /actuator/prometheus}. Nights run in other processes
 * too (the CLI, cron), so every value is read from the database, never counted in this
 * one: counts that only grow (emails sent or failed, replies per class) are counters over
 * the rows, the rest gauges. One set of queries serves every meter and is kept a few
 * seconds, so a scrape costs a handful of small queries.
 */
@Component
@ConditionalOnWebApplication
class IntroflowMetrics implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(IntroflowMetrics.class);

	static final Duration CACHED_FOR = Duration.ofSeconds(10);

	private final Outbox outbox;

	private final InboundStore inbound;

	private final Sequences sequences;

	private final NightlyRuns nights;

	private final Clock clock;

	private Snapshot last;

	private long readAt;

	IntroflowMetrics(Outbox outbox, InboundStore inbound, Sequences sequences, NightlyRuns nights, Clock clock) {
		this.outbox = outbox;
		this.inbound = inbound;
		this.sequences = sequences;
		this.nights = nights;
		this.clock = clock;
	}

	/** What the database says now: the values of every meter. */
	record Snapshot(Map<String, Integer> emails, Map<Classification.Kind, Integer> replies, Sequences.HeldSteps held,
			Optional<NightlyRuns.Timing> night) {
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		emails(registry, "sent", "SENT");
		emails(registry, "failed", "FAILED");
		gauge(registry, "introflow.emails.in.doubt", "emails whose hand-over got no answer; a person settles them "
				+ "(introflow send --mark-sent or --requeue)", null, s -> s.emails().get("SENDING"));
		gauge(registry, "introflow.emails.queued", "emails waiting for a run to send them", null,
				s -> s.emails().get("QUEUED"));
		for (Classification.Kind kind : Classification.Kind.values()) {
			FunctionCounter.builder("introflow.replies", this, m -> value(s -> s.replies().get(kind)))
				.description("inbound messages classified, by class (bounces and out-of-office replies included)")
				.tag("class", kind.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		held(registry, "owner", s -> s.held().forOwner());
		held(registry, "out_of_office", s -> s.held().outOfOffice());
		held(registry, "account_paused", s -> s.held().accountPaused());
		gauge(registry, "introflow.night.duration", "how long the last completed nightly run took", "seconds",
				s -> s.night().map(n -> n.duration().toMillis() / 1000.0).orElse(Double.NaN));
		gauge(registry, "introflow.night.end.time", "when the last completed nightly run ended (Unix time)", "seconds",
				s -> s.night()
					.map(n -> (double) n.ended().atZone(ZoneId.systemDefault()).toEpochSecond())
					.orElse(Double.NaN));
	}

	private void emails(MeterRegistry registry, String state, String column) {
		FunctionCounter.builder("introflow.emails", this, m -> value(s -> s.emails().get(column)))
			.description("emails by delivery state (sent, failed); a requeued failure lowers failed")
			.tag("state", state)
			.register(registry);
	}

	private void held(MeterRegistry registry, String reason, ToDoubleFunction<Snapshot> value) {
		Gauge.builder("introflow.steps.held", this, m -> value(value))
			.description("open introductions whose next steps are held, by why")
			.tag("reason", reason)
			.register(registry);
	}

	private void gauge(MeterRegistry registry, String name, String description, String unit,
			ToDoubleFunction<Snapshot> value) {
		Gauge.builder(name, this, m -> value(value)).description(description).baseUnit(unit).register(registry);
	}

	private double value(ToDoubleFunction<Snapshot> value) {
		Snapshot snapshot = snapshot();
		return (snapshot != null) ? value.applyAsDouble(snapshot) : Double.NaN;
	}

	/**
	 * The values, read again when older than {@link #CACHED_FOR}; the last ones (or none)
	 * while the database fails.
	 */
	synchronized Snapshot snapshot() {
		long now = System.nanoTime();
		if (last == null || now - readAt > CACHED_FOR.toNanos()) {
			try {
				last = new Snapshot(outbox.countsByState(), inbound.countsByClassification(),
						sequences.held(LocalDate.now(clock)), nights.lastCompletedTiming());
				readAt = now;
			}
			catch (DataAccessException ex) {
				log.warn("Cannot read the metrics from the database: {}", ex.getMessage());
			}
		}
		return last;
	}

}
