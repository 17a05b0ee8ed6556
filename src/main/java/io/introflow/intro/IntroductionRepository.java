package io.introflow.intro;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.introflow.template.EmailContext;

/**
 * Introductions and their next due step.
 */
@Repository
public class IntroductionRepository {

	private static final String SELECT = """
			SELECT id, token, referrer_email, owner_email, owner_name, prospect_name, prospect_email, prospect_company,
			  segment, variant, state, next_step, next_step_due, created_on, intro_form FROM introduction""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final JdbcTemplate batch;

	IntroductionRepository(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.clock = clock;
	}

	/** A new introduction in {@code PLANNED}, its first step due on the given day. */
	public Introduction create(String referrerEmail, String ownerEmail, String ownerName, String prospectName,
			String prospectEmail, String prospectCompany, Long triggerId, String segment, String variant,
			String introForm, String firstStep, LocalDate due) {
		String token = newToken();
		jdbc.sql(
				"""
						INSERT INTO introduction (token, referrer_email, owner_email, owner_name, prospect_name, prospect_email,
						  prospect_company, trigger_id, segment, variant, intro_form, state, next_step, next_step_due, created_on,
						  state_since, updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?, ?, ?)""")
			.params(token, referrerEmail, ownerEmail, ownerName, prospectName, prospectEmail, prospectCompany,
					triggerId, segment, variant, introForm, firstStep, due, due, due, OffsetDateTime.now(clock))
			.update();
		return findByToken(token).orElseThrow();
	}

	/**
	 * A new introduction to create with others in one batch ({@link #createAll}).
	 *
	 * @param token its token, made by {@link #newToken()}
	 * @param firstStep its first step, or null when its sequence has none
	 */
	public record New(String token, String referrerEmail, String ownerEmail, String ownerName, String prospectName,
			String prospectEmail, String prospectCompany, Long triggerId, String segment, String variant,
			String introForm, String firstStep, LocalDate due) {
	}

	/**
	 * Creates introductions in {@code PLANNED} on the day, in one batch. @return their
	 * ids, by token
	 */
	public Map<String, Long> createAll(List<New> intros, LocalDate day) {
		Map<String, Long> ids = new HashMap<>();
		if (intros.isEmpty()) {
			return ids;
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		batch.batchUpdate(
				"""
						INSERT INTO introduction (token, referrer_email, owner_email, owner_name, prospect_name, prospect_email,
						  prospect_company, trigger_id, segment, variant, intro_form, state, next_step, next_step_due, created_on,
						  state_since, updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?, ?, ?)""",
				intros.stream()
					.map(i -> new Object[] { i.token(), i.referrerEmail(), i.ownerEmail(), i.ownerName(),
							i.prospectName(), i.prospectEmail(), i.prospectCompany(), i.triggerId(), i.segment(),
							i.variant(), i.introForm(), i.firstStep(), i.due(), day, day, now })
					.toList());
		jdbc.sql("SELECT id, token FROM introduction WHERE token IN (:tokens)")
			.param("tokens", intros.stream().map(New::token).toList())
			.query((ResultSet rs) -> {
				ids.put(rs.getString(2), rs.getLong(1));
			});
		return ids;
	}

	/**
	 * 20 characters from a 32-letter alphabet: 100 random bits, safe in an address's
	 * local part.
	 */
	public String newToken() {
		return Tokens.random(20);
	}

	public Optional<Introduction> findByToken(String token) {
		return jdbc.sql(SELECT + " WHERE token = ?").param(token.toLowerCase(Locale.ROOT)).query(this::row).optional();
	}

	public Optional<Introduction> findById(long id) {
		return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::row).optional();
	}

	public List<Introduction> findDue(LocalDate day) {
		return jdbc.sql(SELECT + " WHERE next_step IS NOT NULL AND next_step_due <= ? ORDER BY next_step_due, id")
			.param(day)
			.query(this::row)
			.list();
	}

	public List<Introduction> findAll() {
		return jdbc.sql(SELECT + " ORDER BY id").query(this::row).list();
	}

	public List<Introduction> findByReferrer(String email) {
		return jdbc.sql(SELECT + " WHERE referrer_email = ? ORDER BY id")
			.param(email.toLowerCase(Locale.ROOT))
			.query(this::row)
			.list();
	}

	/** The introduction to a prospect: the open one if any, else the latest. */
	public Optional<Introduction> findByProspect(String email) {
		List<Introduction> all = jdbc.sql(SELECT + " WHERE prospect_email = ? ORDER BY id DESC")
			.param(email.toLowerCase(Locale.ROOT))
			.query(this::row)
			.list();
		return all.stream().filter(i -> i.state().isOpen()).findFirst().or(() -> all.stream().findFirst());
	}

	public Optional<Introduction> findOpenByReferrer(String email) {
		return findByReferrer(email).stream().filter(i -> i.state().isOpen()).findFirst();
	}

	/**
	 * Moves the state only if it is still {@code from}, and lifts a hold for the owner
	 * (the move is the news it waited for). @return false when someone else moved it
	 * first
	 */
	boolean updateState(long id, IntroState from, IntroState to, LocalDate on) {
		return jdbc.sql("""
				UPDATE introduction SET state = ?, state_since = ?, hold_reason = NULL, updated_at = ?
				WHERE id = ? AND state = ?""")
			.params(to.name(), on, OffsetDateTime.now(clock), id, from.name())
			.update() == 1;
	}

	/**
	 * Records the prospect's address when the introduction did not know it yet. @return
	 * whether it was recorded
	 */
	public boolean recordProspectEmail(long id, String email) {
		return jdbc
			.sql("UPDATE introduction SET prospect_email = ?, updated_at = ? WHERE id = ? AND prospect_email IS NULL")
			.params(email, OffsetDateTime.now(clock), id)
			.update() == 1;
	}

	public void scheduleNextStep(long id, String step, LocalDate due) {
		jdbc.sql("UPDATE introduction SET next_step = ?, next_step_due = ?, updated_at = ? WHERE id = ?")
			.params(step, due, OffsetDateTime.now(clock), id)
			.update();
	}

	/** The trigger an introduction came from (type, date, note), if it came from one. */
	public Optional<EmailContext.Moment> triggerOf(long id) {
		return jdbc.sql("""
				SELECT t.type, t.occurred_on, t.note FROM introduction i JOIN intro_trigger t ON t.id = i.trigger_id
				WHERE i.id = ?""")
			.param(id)
			.query((rs, n) -> new EmailContext.Moment(rs.getString(1), String.valueOf(rs.getObject(2, LocalDate.class)),
					rs.getString(3)))
			.optional();
	}

	/**
	 * The value offer recorded for an introduction and the step key of the email that
	 * carried it.
	 */
	record RecordedOffer(String offerId, String stepKey) {
	}

	Optional<RecordedOffer> valueOffer(long id) {
		return jdbc
			.sql("SELECT value_offer, value_offer_step FROM introduction WHERE id = ? AND value_offer IS NOT NULL")
			.param(id)
			.query((rs, n) -> new RecordedOffer(rs.getString(1), rs.getString(2)))
			.optional();
	}

	void recordValueOffer(long id, String offerId, String stepKey) {
		jdbc.sql("UPDATE introduction SET value_offer = ?, value_offer_step = ?, updated_at = ? WHERE id = ?")
			.params(offerId, stepKey, OffsetDateTime.now(clock), id)
			.update();
	}

	private Introduction row(ResultSet rs, int n) throws SQLException {
		return new Introduction(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
				IntroState.valueOf(rs.getString(11)), rs.getString(12), rs.getObject(13, LocalDate.class),
				rs.getObject(14, LocalDate.class), rs.getString(15));
	}

}
