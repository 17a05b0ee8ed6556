package io.introflow.intro;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds introductions as a person looks for them: by the referrer (email, name or
 * company), the prospect, the state and the owner, a page at a time, newest first. Each
 * one comes with its referrer's name and company and its hold, as the console lists them.
 */
@Component
public class IntroductionSearch {

	private static final String FROM = """
			FROM introduction i LEFT JOIN contact c ON c.email = i.referrer_email""";

	private static final String COLUMNS = """
			SELECT i.id, i.token, i.referrer_email, c.name, c.company, i.owner_email, i.prospect_name, i.prospect_email,
			  i.prospect_company, i.state, i.next_step, i.next_step_due, i.hold_reason, i.held_until, i.created_on
			""";

	private final JdbcClient jdbc;

	IntroductionSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What to look for; a blank or null field matches everything. Text fields match any
	 * part, ignoring case.
	 *
	 * @param owner the owner's email, exactly (ignoring case): a rep's own introductions
	 * @param page the page, from 0
	 */
	public record Query(String referrer, String prospect, IntroState state, String owner, int page, int size) {
	}

	/** An introduction as a list shows it. */
	public record Found(long id, String token, String referrerEmail, String referrerName, String referrerCompany,
			String ownerEmail, String prospectName, String prospectEmail, String prospectCompany, IntroState state,
			String nextStep, LocalDate nextStepDue, String holdReason, LocalDate heldUntil, LocalDate createdOn) {

		public boolean held() {
			return holdReason != null || heldUntil != null;
		}

	}

	/** One page of what matched, and how many matched in all. */
	public record Page(List<Found> found, long total, int page, int size) {

		public boolean hasPrevious() {
			return page > 0;
		}

		public boolean hasNext() {
			return (long) (page + 1) * size < total;
		}

	}

	public Page search(Query query) {
		List<Object> params = new ArrayList<>();
		String where = where(query, params);
		long total = jdbc.sql("SELECT COUNT(*) " + FROM + where).params(params).query(Long.class).single();
		List<Object> paged = new ArrayList<>(params);
		paged.add((long) query.page() * query.size());
		paged.add(query.size());
		List<Found> found = jdbc
			.sql(COLUMNS + FROM + where + " ORDER BY i.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
			.params(paged)
			.query(IntroductionSearch::found)
			.list();
		return new Page(found, total, query.page(), query.size());
	}

	/** One introduction, as the list shows it. */
	public Optional<Found> find(long id) {
		return jdbc.sql(COLUMNS + FROM + " WHERE i.id = ?").param(id).query(IntroductionSearch::found).optional();
	}

	private static String where(Query query, List<Object> params) {
		List<String> conditions = new ArrayList<>();
		if (present(query.referrer())) {
			conditions.add("(LOWER(i.referrer_email) LIKE ? ESCAPE '\\' OR LOWER(c.name) LIKE ? ESCAPE '\\' "
					+ "OR LOWER(c.company) LIKE ? ESCAPE '\\')");
			String like = like(query.referrer());
			params.addAll(List.of(like, like, like));
		}
		if (present(query.prospect())) {
			conditions.add("(LOWER(i.prospect_email) LIKE ? ESCAPE '\\' OR LOWER(i.prospect_name) LIKE ? ESCAPE '\\' "
					+ "OR LOWER(i.prospect_company) LIKE ? ESCAPE '\\')");
			String like = like(query.prospect());
			params.addAll(List.of(like, like, like));
		}
		if (query.state() != null) {
			conditions.add("i.state = ?");
			params.add(query.state().name());
		}
		if (present(query.owner())) {
			conditions.add("LOWER(i.owner_email) = ?");
			params.add(query.owner().strip().toLowerCase(Locale.ROOT));
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	private static boolean present(String text) {
		return text != null && !text.isBlank();
	}

	/** A LIKE pattern matching the text anywhere, its own wildcards taken literally. */
	private static String like(String text) {
		String escaped = text.strip()
			.toLowerCase(Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_");
		return "%" + escaped + "%";
	}

	private static Found found(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Found(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
				IntroState.valueOf(rs.getString(10)), rs.getString(11), rs.getObject(12, LocalDate.class),
				rs.getString(13), rs.getObject(14, LocalDate.class), rs.getObject(15, LocalDate.class));
	}

}
