package io.introflow.trigger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.introflow.intake.ImportCounts;

/**
 * Imported triggers. A trigger is stored once per (contact, type, date), however often
 * the file is imported.
 */
@Repository
public class TriggerRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final Clock clock;

	TriggerRepository(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.clock = clock;
	}

	/**
	 * Inserts the triggers not yet stored; a trigger already stored (or twice in the
	 * chunk) is left alone.
	 */
	public ImportCounts insertAllOnce(List<Trigger> chunk) {
		Map<String, Trigger> byKey = new LinkedHashMap<>();
		chunk.forEach(t -> byKey.putIfAbsent(key(t.contactEmail(), t.type(), t.occurredOn()), t));
		if (byKey.isEmpty()) {
			return ImportCounts.NONE;
		}
		Set<String> contacts = new HashSet<>();
		byKey.values().forEach(t -> contacts.add(t.contactEmail()));
		Set<String> stored = new HashSet<>();
		jdbc.sql("SELECT contact_email, type, occurred_on FROM intro_trigger WHERE contact_email IN (:contacts)")
			.param("contacts", List.copyOf(contacts))
			.query((ResultSet rs) -> {
				stored.add(key(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)));
			});
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<Object[]> inserts = new ArrayList<>();
		byKey.forEach((key, t) -> {
			if (!stored.contains(key)) {
				inserts.add(new Object[] { t.contactEmail(), t.type(), t.occurredOn(), t.note(), t.prospectName(),
						t.prospectEmail(), t.prospectCompany(), t.source(), now });
			}
		});
		if (!inserts.isEmpty()) {
			batch.batchUpdate("""
					INSERT INTO intro_trigger (contact_email, type, occurred_on, note, prospect_name, prospect_email,
					  prospect_company, status, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?)""",
					inserts);
		}
		return new ImportCounts(inserts.size(), 0, chunk.size() - inserts.size());
	}

	private static String key(String contact, String type, LocalDate on) {
		return contact + "|" + type + "|" + on;
	}

	/** New triggers that happened on or before the run date, oldest first. */
	public List<Trigger> findNew(LocalDate upTo) {
		return jdbc
			.sql("""
					SELECT id, contact_email, type, occurred_on, note, prospect_name, prospect_email, prospect_company, source
					FROM intro_trigger WHERE status = 'NEW' AND occurred_on <= ? ORDER BY occurred_on, id""")
			.param(upTo)
			.query((rs, n) -> new Trigger(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getString(7),
					rs.getString(8), rs.getString(9)))
			.list();
	}

	public void markPlanned(long id) {
		jdbc.sql("UPDATE intro_trigger SET status = 'PLANNED' WHERE id = ?").param(id).update();
	}

	/** A pause or resume trigger: applied to the account, no introduction. */
	public void markApplied(long id, String what) {
		jdbc.sql("UPDATE intro_trigger SET status = 'APPLIED', status_reason = ? WHERE id = ?")
			.params(what, id)
			.update();
	}

	/**
	 * Marks a chunk's triggers in one batch. @param reasons the refusal of each trigger,
	 * by id; a trigger whose reason is null was planned
	 */
	void markAll(Map<Long, String> reasons) {
		if (reasons.isEmpty()) {
			return;
		}
		batch.batchUpdate("UPDATE intro_trigger SET status = ?, status_reason = ? WHERE id = ?",
				reasons.entrySet()
					.stream()
					.map(e -> new Object[] { (e.getValue() == null) ? "PLANNED" : "REFUSED", e.getValue(), e.getKey() })
					.toList());
	}

	public void markRefused(long id, String reason) {
		jdbc.sql("UPDATE intro_trigger SET status = 'REFUSED', status_reason = ? WHERE id = ?")
			.params(reason, id)
			.update();
	}

}
