package io.introflow.intake;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Rejected rows, stored in the transaction of the import chunk that read them (table
 * {@code import_reject}): a chunk that rolls back takes its rejects with it, so a
 * restarted import never records a row twice. The rejects file and any page that lists
 * rejects read them from here.
 */
@Repository
public class ImportRejects {

	private final JdbcClient jdbc;

	private final Clock clock;

	ImportRejects(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Stores one rejected row of a file of a type, under the date its rejects file is
	 * named after.
	 */
	public void record(LocalDate runDate, String fileType, RowError error) {
		jdbc.sql("""
				INSERT INTO import_reject (run_date, file_type, file_name, line_number, column_name, rejected_value,
				    reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(runDate, fit(fileType, 40), fit(error.file(), 400), error.line(), fit(error.column(), 200),
					fit(error.value(), 2000), fit(error.reason(), 1000), OffsetDateTime.now(clock))
			.update();
	}

	public long count(LocalDate runDate) {
		return jdbc.sql("SELECT COUNT(*) FROM import_reject WHERE run_date = ?")
			.param(runDate)
			.query(Long.class)
			.single();
	}

	/** Hands out the rejects of a date in the order they were stored, one at a time. */
	public void forEach(LocalDate runDate, Consumer<RowError> each) {
		jdbc.sql("""
				SELECT file_name, line_number, column_name, rejected_value, reason FROM import_reject
				WHERE run_date = ? ORDER BY id""").param(runDate).query((ResultSet rs) -> {
			each.accept(
					new RowError(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
		});
	}

	/**
	 * The rejected rows of the last {@code dates} run dates that had any, newest date
	 * first, at most {@code limit} rows: what the last imports' rejects files hold.
	 */
	public List<Rejected> latest(int dates, int limit) {
		return jdbc.sql("""
				SELECT run_date, file_type, file_name, line_number, column_name, rejected_value, reason
				FROM import_reject WHERE run_date IN (
				  SELECT DISTINCT run_date FROM import_reject ORDER BY run_date DESC FETCH FIRST :dates ROWS ONLY)
				ORDER BY run_date DESC, id FETCH FIRST :limit ROWS ONLY""")
			.param("dates", dates)
			.param("limit", limit)
			.query((rs, n) -> new Rejected(rs.getObject("run_date", LocalDate.class), rs.getString("file_type"),
					new RowError(rs.getString("file_name"), rs.getLong("line_number"), rs.getString("column_name"),
							rs.getString("rejected_value"), rs.getString("reason"))))
			.list();
	}

	/**
	 * A rejected row with the run date its rejects file is named after and the kind of
	 * file.
	 */
	public record Rejected(LocalDate runDate, String fileType, RowError row) {
	}

	/**
	 * Writes {@code rejects-<date>.csv} from the stored rejects of that date; leaves no
	 * file when there are none.
	 */
	public void writeFile(LocalDate runDate, RejectsFile file) {
		if (count(runDate) > 0) {
			file.write(rows -> forEach(runDate, rows));
		}
	}

	/**
	 * A value as a column holds it: shortened when longer, and without NUL (which
	 * PostgreSQL's text refuses).
	 */
	private static String fit(String value, int max) {
		String s = (value != null) ? value.replace('\u0000', '\uFFFD') : "";
		if (s.length() <= max) {
			return s;
		}
		int end = Character.isHighSurrogate(s.charAt(max - 4)) ? max - 4 : max - 3;
		return s.substring(0, end) + "...";
	}

}
