package io.introflow.trigger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Imported triggers. A trigger is stored once per (contact, type, date), however often the file is imported.
 */
@Repository
public class TriggerRepository {

	private final JdbcClient jdbc;

	private final Clock clock;

	TriggerRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** @return true when the trigger is new */
	public boolean insertOnce(Trigger t) {
		int existing = jdbc.sql("SELECT COUNT(*) FROM intro_trigger WHERE contact_email = ? AND type = ? AND occurred_on = ?")
			.params(t.contactEmail(), t.type(), t.occurredOn())
			.query(Integer.class)
			.single();
		if (existing > 0) {
			return false;
		}
		jdbc.sql("""
				INSERT INTO intro_trigger (contact_email, type, occurred_on, note, prospect_name, prospect_email,
				  prospect_company, status, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?)""")
			.params(t.contactEmail(), t.type(), t.occurredOn(), t.note(), t.prospectName(), t.prospectEmail(),
					t.prospectCompany(), t.source(), OffsetDateTime.now(clock))
			.update();
		return true;
	}

	/** New triggers that happened on or before the run date, oldest first. */
	public List<Trigger> findNew(LocalDate upTo) {
		return jdbc.sql("""
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

	public void markRefused(long id, String reason) {
		jdbc.sql("UPDATE intro_trigger SET status = 'REFUSED', status_reason = ? WHERE id = ?")
			.params(reason, id)
			.update();
	}

}
