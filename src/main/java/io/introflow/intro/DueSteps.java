package io.introflow.intro;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.playbook.AccountPauses;
import io.introflow.template.EmailContext;

/**
 * Reads the introductions whose step is due, a chunk at a time, with everything deciding
 * and rendering their steps needs, in one set query per kind of fact: the introductions
 * (locked for the chunk's transaction), their triggers, referrers, suppressions, pauses,
 * outbox rows, public links and earlier holds.
 */
@Component
class DueSteps {

	private final JdbcClient jdbc;

	private final ContactRepository contacts;

	private final AccountPauses pauses;

	private final PublicLinks links;

	DueSteps(JdbcClient jdbc, ContactRepository contacts, AccountPauses pauses, PublicLinks links) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.pauses = pauses;
		this.links = links;
	}

	/** An introduction whose step is due, with where it is in its sequence. */
	record DueIntro(Introduction intro, LocalDate stateSince, LocalDate lastEmailOn, LocalDate heldUntil,
			String holdReason, String valueOffer, String valueOfferStep, Long triggerId, OffsetDateTime updatedAt) {
	}

	/**
	 * An email of the introduction already in the outbox, in the order it was composed.
	 */
	record Queued(String stepKey, String messageId, String subject, String state) {
	}

	/** What a chunk's steps are decided and rendered from. */
	record Chunk(List<DueIntro> intros, Map<Long, EmailContext.Moment> moments, Map<String, Contact> referrers,
			Set<String> suppressed, Map<String, AccountPauses.Pause> pauses, Map<Long, List<Queued>> outbox,
			Map<Long, Map<PublicLinks.Purpose, String>> tokens, Map<Long, Set<String>> heldCauses) {

		List<Queued> outboxOf(long id) {
			return outbox.getOrDefault(id, List.of());
		}

	}

	/**
	 * The introductions due on the day, in the order they are composed: at the start of
	 * the pass, once.
	 */
	List<Long> dueIds(LocalDate day) {
		return jdbc
			.sql("SELECT id FROM introduction WHERE next_step IS NOT NULL AND next_step_due <= ? "
					+ "ORDER BY next_step_due, id")
			.param(day)
			.query(Long.class)
			.list();
	}

	/**
	 * The chunk's introductions that are still due (locked until the chunk commits) and
	 * their facts.
	 */
	Chunk read(List<Long> ids, LocalDate day) {
		Map<Long, DueIntro> byId = lock(ids, day);
		List<DueIntro> intros = ids.stream().filter(byId::containsKey).map(byId::get).toList();
		return facts(intros, day);
	}

	/**
	 * The chunk's introductions that are still due, as they are now, locked until the
	 * caller's transaction ends: a chunk decided from an earlier read compares them with
	 * what it read before writing.
	 */
	Map<Long, DueIntro> lock(List<Long> ids, LocalDate day) {
		Map<Long, DueIntro> byId = new HashMap<>();
		jdbc.sql(
				"""
						SELECT id, token, referrer_email, owner_email, owner_name, prospect_name, prospect_email, prospect_company,
						  segment, variant, state, next_step, next_step_due, created_on, intro_form, state_since, last_email_on,
						  held_until, hold_reason, value_offer, value_offer_step, trigger_id, updated_at
						FROM introduction WHERE id IN (:ids) AND next_step IS NOT NULL AND next_step_due <= :day FOR UPDATE""")
			.param("ids", ids)
			.param("day", day)
			.query(DueSteps::dueIntro)
			.list()
			.forEach(d -> byId.put(d.intro().id(), d));
		return byId;
	}

	/** How the chunk is put together from its introductions. */
	private Chunk facts(List<DueIntro> intros, LocalDate day) {
		List<Long> found = intros.stream().map(d -> d.intro().id()).toList();
		Set<String> emails = new HashSet<>();
		intros.forEach(d -> emails.add(d.intro().referrerEmail()));
		Map<String, Contact> referrers = contacts.findAll(emails);
		Map<String, AccountPauses.Pause> paused = pauses.activeForAll(referrers.values(), day);
		List<Long> held = intros.stream()
			.filter(d -> paused.containsKey(d.intro().referrerEmail()))
			.map(d -> d.intro().id())
			.toList();
		return new Chunk(intros, moments(intros), referrers, contacts.suppressedAmong(emails), paused, outbox(found),
				links.tokensOf(found), heldCauses(held));
	}

	private Map<Long, EmailContext.Moment> moments(List<DueIntro> intros) {
		List<Long> triggers = intros.stream().map(DueIntro::triggerId).filter(t -> t != null).distinct().toList();
		Map<Long, EmailContext.Moment> moments = new HashMap<>();
		if (!triggers.isEmpty()) {
			jdbc.sql("SELECT id, type, occurred_on, note FROM intro_trigger WHERE id IN (:ids)")
				.param("ids", triggers)
				.query((ResultSet rs) -> {
					moments.put(rs.getLong(1), new EmailContext.Moment(rs.getString(2),
							String.valueOf(rs.getObject(3, LocalDate.class)), rs.getString(4)));
				});
		}
		return moments;
	}

	private Map<Long, List<Queued>> outbox(List<Long> ids) {
		Map<Long, List<Queued>> rows = new HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql("SELECT introduction_id, step_key, message_id, subject, state FROM outbound_email "
					+ "WHERE introduction_id IN (:ids) ORDER BY id")
				.param("ids", ids)
				.query((ResultSet rs) -> {
					rows.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
						.add(new Queued(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
				});
		}
		return rows;
	}

	private Map<Long, Set<String>> heldCauses(List<Long> ids) {
		Map<Long, Set<String>> causes = new HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql("SELECT introduction_id, cause FROM intro_event WHERE type = 'HELD' AND introduction_id IN (:ids)")
				.param("ids", ids)
				.query((ResultSet rs) -> {
					causes.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getString(2));
				});
		}
		return causes;
	}

	private static DueIntro dueIntro(ResultSet rs, int n) throws SQLException {
		Introduction intro = new Introduction(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
				IntroState.valueOf(rs.getString(11)), rs.getString(12), rs.getObject(13, LocalDate.class),
				rs.getObject(14, LocalDate.class), rs.getString(15));
		long trigger = rs.getLong(22);
		Long triggerId = rs.wasNull() ? null : trigger;
		return new DueIntro(intro, rs.getObject(16, LocalDate.class), rs.getObject(17, LocalDate.class),
				rs.getObject(18, LocalDate.class), rs.getString(19), rs.getString(20), rs.getString(21), triggerId,
				rs.getObject(23, OffsetDateTime.class));
	}

}
