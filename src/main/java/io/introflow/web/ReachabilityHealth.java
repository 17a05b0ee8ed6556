package io.introflow.web;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import io.introflow.Reachability;

/**
 * The health of a mail server Introflow depends on, from a probe that is cached for a
 * while: a health poller (a load balancer checks every few seconds) must not open a
 * connection to the relay each time. An unreachable server shows as {@code UNREACHABLE},
 * which {@code management.endpoint.health.status.order} ranks below {@code UP}: the page
 * says so, and the application stays UP (its public pages work without mail; the next run
 * keeps the mail queued).
 */
abstract class ReachabilityHealth implements HealthIndicator {

	static final Status UNREACHABLE = new Status("UNREACHABLE",
			"the server did not answer; the application runs, and mail waits for the next run");

	/** How long one probe's answer is shown before the server is probed again. */
	static final Duration CACHED_FOR = Duration.ofSeconds(30);

	/** The longest one probe may wait for anything (connection, greeting, a reply). */
	static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	private final Supplier<Reachability> probe;

	private Health last;

	private long probedAt;

	ReachabilityHealth(Supplier<Reachability> probe) {
		this.probe = probe;
	}

	@Override
	public synchronized Health health() {
		long now = System.nanoTime();
		if (last == null || now - probedAt > CACHED_FOR.toNanos()) {
			last = health(probe.get());
			probedAt = System.nanoTime();
		}
		return last;
	}

	private static Health health(Reachability reachability) {
		Health.Builder health = reachability.reachable() ? Health.up() : Health.status(UNREACHABLE);
		health.withDetail("server", reachability.server());
		if (!reachability.reachable()) {
			health.withDetail("error", reachability.problem());
		}
		return health.build();
	}

}
