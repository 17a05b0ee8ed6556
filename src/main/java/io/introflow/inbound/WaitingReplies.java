package io.introflow.inbound;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The replies a person must still act on, for the console's Today page: a reply that
 * holds its introduction for the owner (a question, one Introflow could not read with
 * confidence, a refusal before the ask) while the hold stands, and a prospect's answer
 * while the introduction is still {@code ENGAGED}. A reply stops waiting when the hold is
 * lifted ({@code introflow intro release}, a change of state, a reclassification).
 */
@Component
public class WaitingReplies {

	private static final int LIMIT = 200;

	private static final String SELECT = """
			SELECT m.id, m.received_at, m.sender, m.subject, m.classification, m.intents, i.id AS intro_id,
			  i.token, i.owner_email, i.state, i.hold_reason
			FROM inbound_message m JOIN introduction i ON i.id = m.introduction_id
			WHERE m.classification IS NOT NULL AND m.classification <> 'UNREADABLE'
			  AND (i.hold_reason IS NOT NULL OR (m.classification = 'PROSPECT_ENGAGED' AND i.state = 'ENGAGED'))
			""";

	private final JdbcClient jdbc;

	WaitingReplies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The waiting replies of a person's kind (question, agreed, declined, prospect
	 * engaged, ...), not those Introflow could not read: {@link #needsReview} lists
	 * those. Newest first.
	 * @param owner only the introductions of this owner (lower case); empty for all
	 */
	public List<Waiting> waiting(Optional<String> owner) {
		return query(" AND m.classification <> 'NEEDS_REVIEW'", owner).stream()
			.filter(w -> w.kind() == null || w.kind().isHuman())
			.toList();
	}

	/**
	 * The waiting replies classified {@code NEEDS_REVIEW}: a person must say what they
	 * mean. Newest first.
	 */
	public List<Waiting> needsReview(Optional<String> owner) {
		return query(" AND m.classification = 'NEEDS_REVIEW'", owner);
	}

	private List<Waiting> query(String kinds, Optional<String> owner) {
		String sql = SELECT + kinds + (owner.isPresent() ? " AND LOWER(i.owner_email) = :owner" : "")
				+ " ORDER BY m.received_at DESC, m.id DESC";
		var statement = jdbc.sql(sql);
		if (owner.isPresent()) {
			statement = statement.param("owner", owner.get().toLowerCase(Locale.ROOT));
		}
		return statement
			.query((rs, n) -> new Waiting(rs.getLong("id"), rs.getObject("received_at", OffsetDateTime.class),
					rs.getString("sender"), rs.getString("subject"), rs.getString("classification"),
					rs.getString("intents"), rs.getLong("intro_id"), rs.getString("token"), rs.getString("owner_email"),
					rs.getString("state"), rs.getString("hold_reason")))
			.list()
			.stream()
			.limit(LIMIT)
			.toList();
	}

	/**
	 * One reply waiting for a person.
	 *
	 * @param id the inbound message's id ({@code introflow replies reclassify ID CLASS})
	 * @param intents secondary intents ({@code question}), or null
	 * @param holdReason why the introduction's steps are held, or null
	 */
	public record Waiting(long id, OffsetDateTime receivedAt, String sender, String subject, String classification,
			String intents, long introductionId, String token, String ownerEmail, String state, String holdReason) {

		/** The class, or null for a value this version does not know. */
		public Classification.Kind kind() {
			try {
				return Classification.Kind.valueOf(classification);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		/**
		 * The class in plain words, with the secondary intent: "agreed, and asks
		 * something".
		 */
		public String label() {
			String label = (kind() != null) ? kind().label() : classification;
			return (intents != null && intents.contains("question") && !classification.equals("QUESTION"))
					? label + ", and asks something" : label;
		}

	}

}
