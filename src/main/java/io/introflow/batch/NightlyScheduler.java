package io.introflow.batch;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import io.introflow.IntroflowProperties;
import io.introflow.outbound.OutboxRelay;

/**
 * The scheduler of {@code introflow serve}. Once a minute it runs the night that is due,
 * else, every {@code send-every}, a send-only run (as {@code introflow send}) for the
 * emails held for a sending window. Each run takes the installation's run lock; while a
 * CLI run holds it, the tick is skipped and the next one tries again.
 * <p>
 * The night of a date is due from {@code nightly-at} on that date (in the schedule's
 * zone) until the next date's time. A night missed while {@code serve} was down runs at
 * the first tick; when several were missed only the latest runs (it composes and sends
 * everything due by its date) and the log names the ones skipped.
 */
class NightlyScheduler {

	private static final Logger log = LoggerFactory.getLogger(NightlyScheduler.class);

	private final Clock clock;

	private final ScheduleProperties schedule;

	private final NightlyRunner runner;

	private final NightlyRuns runs;

	private final OutboxRelay relay;

	private final IntroflowProperties properties;

	private final RunLocks locks;

	/**
	 * The latest night known completed: no need to ask the job repository again until the
	 * next is due.
	 */
	private LocalDate settled;

	/**
	 * When the due night last failed; it is tried again after {@code send-every}, not
	 * every minute.
	 */
	private Instant nightFailedAt;

	private Instant lastSend;

	NightlyScheduler(Clock clock, ScheduleProperties schedule, NightlyRunner runner, NightlyRuns runs,
			OutboxRelay relay, IntroflowProperties properties, RunLocks locks) {
		this.locks = locks;
		this.clock = clock;
		this.schedule = schedule;
		this.runner = runner;
		this.runs = runs;
		this.relay = relay;
		this.properties = properties;
	}

	/** One look at the clock: run the due night, or a send-only run, or nothing. */
	@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
	void tick() {
		Instant now = clock.instant();
		LocalDate night = dueNight(now.atZone(schedule.zoneId()));
		try {
			if (!night.equals(settled) && runs.completed(night)) {
				settled = night;
			}
			if (!night.equals(settled) && retryDue(now)) {
				runNight(night, now);
			}
			else if (lastSend == null || !now.isBefore(lastSend.plus(schedule.sendEvery()))) {
				send(now);
			}
		}
		catch (RunLockHeldException ex) {
			log.info("schedule: skipped this minute, the installation is busy: {}", ex.holder());
		}
		catch (RuntimeException ex) {
			// the scheduler lives on: the next tick tries again
			log.error("schedule: the run at {} failed: {}", now, ex.toString(), ex);
		}
	}

	/**
	 * The night whose time has passed most recently: today's from {@code nightly-at},
	 * else yesterday's.
	 */
	LocalDate dueNight(ZonedDateTime now) {
		LocalDate today = now.toLocalDate();
		return now.toLocalTime().isBefore(schedule.nightlyAt()) ? today.minusDays(1) : today;
	}

	private boolean retryDue(Instant now) {
		return nightFailedAt == null || !now.isBefore(nightFailedAt.plus(schedule.sendEvery()));
	}

	private void runNight(LocalDate night, Instant now) {
		Optional<LocalDate> last = runs.lastCompleted();
		if (last.isPresent() && last.get().isAfter(night)) {
			// a later date was run by hand: running an earlier one after it would go back
			// in time
			log.info("schedule: nightly {} not run, nightly {} already completed", night, last.get());
			settled = night;
			return;
		}
		if (last.isPresent() && last.get().isBefore(night.minusDays(1))) {
			log.warn("schedule: nights {} to {} were missed while no scheduler ran; only the latest, {}, runs "
					+ "(it sends everything due by its date); `introflow run nightly --date D` runs a missed one",
					last.get().plusDays(1), night.minusDays(1), night);
		}
		log.info("schedule: running nightly {} (due at {} {})", night, schedule.nightlyAt(), schedule.zoneId());
		NightlyRunner.Outcome outcome;
		try {
			outcome = runner.run(night);
		}
		catch (RunLockHeldException ex) {
			throw ex;
		}
		catch (Exception ex) {
			outcome = new NightlyRunner.Outcome(false, false, "nightly " + night + " failed: " + ex, null);
		}
		if (outcome.completed()) {
			log.info("schedule: nightly {} completed; report in {}", night,
					RunReport.reportFile(properties.folders().reports(), night));
			settled = night;
			nightFailedAt = null;
			lastSend = now;
		}
		else {
			log.error("schedule: {}; tried again in {}", outcome.summary(), schedule.sendEvery());
			nightFailedAt = now;
		}
	}

	private void send(Instant now) {
		try (RunLock lock = locks.acquire("send (scheduled by introflow serve)")) {
			lastSend = now;
			OutboxRelay.Result result = relay.relay();
			if (result.sent() + result.failed() + result.retried() + result.inDoubt().size() > 0
					|| result.unreachable() != null) {
				log.info("schedule: send: {}", result);
			}
			result.inDoubtLines().forEach(line -> log.warn("schedule: send: {}", line));
		}
	}

}
