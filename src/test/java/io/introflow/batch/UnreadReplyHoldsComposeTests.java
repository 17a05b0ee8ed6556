package io.introflow.batch;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import org.h2.tools.TriggerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply stored after the night's replies were read (another process fetching the
 * mailbox while this run plans) holds every automated email of the night: it may be the
 * answer that stops one. The night composes nothing and says why; the next night reads
 * the reply first, holds the ask it answers and composes the rest.
 */
class UnreadReplyHoldsComposeTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void composesNothingWhileAStoredReplyIsUnreadAndHonoursItOnceRead() throws Exception {
		app.customersWithTriggers(3);
		nightly("2026-03-02");
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENT' AND step_key = 'value'"))
			.isEqualTo(3);
		// client0's "no thanks" lands in the store the moment this night starts composing
		app.execute("CREATE TRIGGER reply_lands AFTER INSERT ON BATCH_STEP_EXECUTION FOR EACH ROW CALL \""
				+ ReplyLandsWhileComposing.class.getName() + "\"");

		Installation.Run held = nightly("2026-03-04");

		assertThat(held.out()).contains("nothing composed: 1 stored replies are not classified yet");
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email WHERE step_key = 'ask'")).isZero();
		assertThat(app.inboxOf("client1@clients.example")).hasSize(1);
		assertThat(app.count("SELECT COUNT(*) FROM inbound_message WHERE processed_at IS NULL")).isOne();

		app.execute("DROP TRIGGER reply_lands");
		nightly("2026-03-05");

		assertThat(app.query("SELECT classification FROM inbound_message")).singleElement()
			.satisfies(row -> assertThat(row.get("classification")).isEqualTo("DECLINED"));
		assertThat(app.query("SELECT referrer_email, state FROM introduction ORDER BY referrer_email"))
			.extracting(row -> row.get("referrer_email") + " " + row.get("state"))
			.containsExactly("client0@clients.example VALUE_SENT", "client1@clients.example ASKED",
					"client2@clients.example ASKED");
		// a "no" to the value email moves no state, but holds the ask until the owner
		// acts
		assertThat(app.inboxOf("client0@clients.example")).hasSize(1);
		assertThat(app.inboxOf("client1@clients.example")).hasSize(2);
		assertThat(app.inboxOf("client2@clients.example")).hasSize(2);
	}

	private Installation.Run nightly(String date) {
		Installation.Run run = app.run("run", "nightly", "--date=" + date);
		assertThat(run.exitCode()).as("night %s: %s", date, run.err()).isZero();
		return run;
	}

	/**
	 * An H2 trigger on Spring Batch's step table: when the {@code composeDueSteps} step
	 * starts, a reply from client0 to its value email is stored, raw and unread, as the
	 * fetch of another process would store it.
	 */
	public static class ReplyLandsWhileComposing extends TriggerAdapter {

		@Override
		public void fire(Connection conn, ResultSet oldRow, ResultSet newRow) throws SQLException {
			if (!"composeDueSteps".equals(newRow.getString("STEP_NAME"))) {
				return;
			}
			String token;
			try (PreparedStatement q = conn
				.prepareStatement("SELECT token FROM introduction WHERE referrer_email = 'client0@clients.example'");
					ResultSet rs = q.executeQuery()) {
				rs.next();
				token = rs.getString(1);
			}
			String mime = """
					From: Client 0 <client0@clients.example>
					To: reply+%1$s@reply.introflow.example
					Subject: Re: a checklist for you
					Message-ID: <late-no@clients.example>
					In-Reply-To: <value.%1$s@introflow.example>
					MIME-Version: 1.0
					Content-Type: text/plain; charset=UTF-8

					No thanks, not right now.

					Client 0
					""".formatted(token).replace("\n", "\r\n");
			byte[] raw = mime.getBytes(StandardCharsets.UTF_8);
			try (PreparedStatement insert = conn.prepareStatement(
					"INSERT INTO inbound_message (message_key, message_id, raw, raw_size, source, received_at) "
							+ "VALUES (?, ?, ?, ?, ?, ?)")) {
				insert.setString(1, "<late-no@clients.example>");
				insert.setString(2, "<late-no@clients.example>");
				insert.setBytes(3, raw);
				insert.setLong(4, raw.length);
				insert.setString(5, "INBOX/another-process");
				insert.setObject(6, OffsetDateTime.now());
				insert.executeUpdate();
			}
		}

	}

}
