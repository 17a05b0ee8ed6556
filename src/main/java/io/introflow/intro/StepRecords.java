package io.introflow.intro;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.introflow.outbound.QueuedEmails;
import io.introflow.playbook.Playbook;

/**
 * Records what the playbook decided for a chunk of due steps, in JDBC batches inside the
 * chunk's transaction: the public links the emails carry, the outbox rows and their MIME,
 * the events, and each introduction's new state and next step.
 */
@Component
class StepRecords {

	private static final Logger log = LoggerFactory.getLogger(StepRecords.class);

	private final JdbcTemplate batch;

	private final QueuedEmails outbox;

	private final PublicLinks links;

	private final Clock clock;

	StepRecords(JdbcTemplate batch, QueuedEmails outbox, PublicLinks links, Clock clock) {
		this.batch = batch;
		this.outbox = outbox;
		this.links = links;
		this.clock = clock;
	}

	/**
	 * One chunk's writes, gathered while its steps are decided and written at once by
	 * {@link #flush}.
	 */
	Chunk chunk(LocalDate day) {
		return new Chunk(day, OffsetDateTime.now(clock));
	}

	/**
	 * An event; its cause is the queued email's outbox row when {@code messageId} is set.
	 */
	private record Event(long introductionId, String type, String from, String to, String cause, String messageId,
			String detail) {
	}

	final class Chunk {

		private final LocalDate day;

		private final OffsetDateTime now;

		private final List<QueuedEmails.Ready> emails = new ArrayList<>();

		private final List<PublicLinks.NewLink> newLinks = new ArrayList<>();

		private final List<Event> events = new ArrayList<>();

		private final List<Object[]> updates = new ArrayList<>();

		private Chunk(LocalDate day, OffsetDateTime now) {
			this.day = day;
			this.now = now;
		}

		/** A step that could not be composed: recorded, and left due for the next run. */
		void failed(long introductionId, String step, String reason) {
			events.add(new Event(introductionId, "STEP_FAILED", null, null, "compose", null, step + ": " + reason));
		}

		/**
		 * Records a decision; for a queued step, its email, the links it carries that are
		 * new and the value offer it carries (null for none).
		 */
		void decided(DueSteps.DueIntro due, Playbook.Decision decision, QueuedEmails.Ready email,
				List<PublicLinks.NewLink> madeLinks, String offerId) {
			Introduction intro = due.intro();
			String messageId = (email != null) ? email.email().messageId() : null;
			if (email != null) {
				emails.add(email);
				newLinks.addAll(madeLinks);
				String step = intro.nextStep();
				events.add(new Event(intro.id(), "STEP_QUEUED", null, null, null, messageId,
						step.equals(decision.kind()) ? step : step + " (" + decision.kind() + ")"));
			}
			if (decision.heldEvent() != null) {
				events
					.add(new Event(intro.id(), "HELD", null, null, decision.heldEvent(), null, decision.heldDetail()));
			}
			Playbook.Move move = decision.move();
			boolean moved = move != null && move.legal();
			if (move != null) {
				if (!moved) {
					log.info("Introduction {}: rejected move {} -> {} ({}), cause {}", intro.id(), move.from(),
							move.to(), move.rejection(), (move.cause() != null) ? move.cause() : "outbound");
				}
				events.add(new Event(intro.id(), moved ? "TRANSITION" : "REJECTED_TRANSITION", move.from().name(),
						move.to().name(), move.cause(), (move.cause() == null) ? messageId : null,
						moved ? move.detail() : move.rejection()));
			}
			boolean touched = moved || offerId != null || decision.outcome() == Playbook.Outcome.GONE
					|| decision.outcome() == Playbook.Outcome.HELD;
			boolean queued = email != null;
			updates.add(new Object[] { decision.stateAfter(intro.state()).name(), moved ? day : due.stateSince(),
					moved ? null : due.holdReason(), queued ? day : due.lastEmailOn(), decision.asked(), day,
					(decision.next() != null) ? decision.next().stepKey() : null,
					(decision.next() != null) ? decision.next().due() : null,
					(offerId != null) ? offerId : due.valueOffer(),
					(offerId != null) ? intro.nextStep() : due.valueOfferStep(), touched ? now : due.updatedAt(),
					intro.id(), intro.state().name() });
		}

		/** Writes the chunk: links, outbox rows and MIME, events, introductions. */
		void flush() {
			links.insertAll(newLinks);
			Map<String, Long> outboxIds = outbox.enqueueAll(emails);
			batch.batchUpdate(
					"""
							INSERT INTO intro_event (introduction_id, occurred_on, recorded_at, type, from_state, to_state, cause,
							  detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
					events.stream()
						.map(e -> new Object[] { e.introductionId(), day, now, e.type(), e.from(), e.to(),
								(e.messageId() != null) ? "outbound:" + outboxIds.get(e.messageId()) : e.cause(),
								truncate(e.detail()) })
						.toList());
			int[] counts = batch.batchUpdate(
					"""
							UPDATE introduction SET state = ?, state_since = ?, hold_reason = ?, last_email_on = ?,
							  asked_on = CASE WHEN ? THEN ? ELSE asked_on END, next_step = ?, next_step_due = ?, value_offer = ?,
							  value_offer_step = ?, updated_at = ?
							WHERE id = ? AND state = ?""",
					updates);
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] == 0) {
					throw new IllegalStateException("introduction " + updates.get(i)[11]
							+ " changed while its step was composed; its chunk is rolled back and done again");
				}
			}
		}

	}

	private static String truncate(String s) {
		return (s == null || s.length() <= 2000) ? s : s.substring(0, 2000);
	}

}
