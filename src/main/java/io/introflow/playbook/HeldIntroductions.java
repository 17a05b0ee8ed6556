package io.introflow.playbook;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The introductions whose next steps are held, with the reason: for the owner (a reply a
 * person must answer first; {@code introflow intro release} lifts it) or until a day (an
 * out-of-office reply). For the console's Today page.
 */
@Component
public class HeldIntroductions {

	private static final int LIMIT = 200;

	private final JdbcClient jdbc;

	HeldIntroductions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The introductions held on {@code day}, longest held first.
	 * @param owner only the introductions of this owner (lower case); empty for all
	 */
	public List<Held> on(LocalDate day, Optional<String> owner) {
		String sql = """
				SELECT id, token, referrer_email, owner_email, state, next_step, hold_reason, held_until
				FROM introduction WHERE (hold_reason IS NOT NULL OR held_until > :day)
				""" + (owner.isPresent() ? " AND LOWER(owner_email) = :owner" : "") + " ORDER BY updated_at, id";
		var statement = jdbc.sql(sql).param("day", day);
		if (owner.isPresent()) {
			statement = statement.param("owner", owner.get().toLowerCase(Locale.ROOT));
		}
		return statement
			.query((rs, n) -> new Held(rs.getLong("id"), rs.getString("token"), rs.getString("referrer_email"),
					rs.getString("owner_email"), rs.getString("state"), rs.getString("next_step"),
					rs.getString("hold_reason"), rs.getObject("held_until", LocalDate.class)))
			.list()
			.stream()
			.limit(LIMIT)
			.toList();
	}

	/**
	 * One held introduction.
	 *
	 * @param reason why it is held for the owner, or null when it is held until a day
	 * @param until the day an out-of-office hold ends, or null
	 */
	public record Held(long id, String token, String referrerEmail, String ownerEmail, String state, String nextStep,
			String reason, LocalDate until) {

		/** The reason in words: the owner's hold, else "out of office until D". */
		public String why() {
			if (reason != null) {
				return reason;
			}
			return "out of office until " + until;
		}

	}

}
