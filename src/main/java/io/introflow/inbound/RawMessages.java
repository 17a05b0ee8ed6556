package io.introflow.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.introflow.Tx;

/**
 * The raw bytes of a stored inbound message, as it was received, for a person who wants
 * to see all of it: streamed from the database, never whole in the heap.
 */
@Component
public class RawMessages {

	private final JdbcTemplate template;

	private final Tx tx;

	RawMessages(JdbcTemplate template, Tx tx) {
		this.template = template;
		this.tx = tx;
	}

	/**
	 * Streams the stored message into {@code out}.
	 * @return false when no message has this id (nothing is written)
	 */
	public boolean copyTo(long id, OutputStream out) {
		return tx.inNew(() -> template.query("SELECT raw FROM inbound_message WHERE id = ?", rs -> {
			if (!rs.next()) {
				return false;
			}
			try (InputStream in = rs.getBinaryStream(1)) {
				in.transferTo(out);
				return true;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot copy inbound message " + id, ex);
			}
		}, id));
	}

}
