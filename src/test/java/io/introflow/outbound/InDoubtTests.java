package io.introflow.outbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person does with emails a crash left in doubt: the run reports them, and `send`
 * resolves them.
 */
class InDoubtTests {

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		app.inbox("clients.csv", """
				email,name,relationship,owner_email
				a@x.example,Ann,customer,m@introflow.example
				b@x.example,Ben,customer,m@introflow.example
				c@x.example,Cem,customer,m@introflow.example
				d@x.example,Dan,customer,m@introflow.example
				""");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at
				a@x.example,praise,2026-03-01
				b@x.example,praise,2026-03-01
				c@x.example,praise,2026-03-01
				d@x.example,praise,2026-03-01
				""");
	}

	@Test
	void reportsRowsLeftSendingNeverResendsThemAndLetsAPersonResolveThem() throws Exception {
		// as if a crash had hit while both were being handed to the server
		app.run("run", "nightly", "--date=2026-03-02");
		app.execute("UPDATE outbound_email SET state = 'SENDING' WHERE recipient IN ('a@x.example', 'b@x.example')");
		long a = app.count("SELECT id FROM outbound_email WHERE recipient = 'a@x.example'");
		long b = app.count("SELECT id FROM outbound_email WHERE recipient = 'b@x.example'");

		Installation.Run send = app.run("send");
		assertThat(send.out()).contains("0 sent", "2 in doubt (not resent)");
		Installation.Run night = app.run("run", "nightly", "--date=2026-03-03");
		assertThat(night.out()).contains("Emails in doubt (check the SMTP log for each; they are not resent)",
				"outbound " + a + " (", "introflow send --mark-sent " + a + "   (or, if it never left: introflow send "
						+ "--requeue " + a + ")");
		assertThat(app.greenMail().getReceivedMessages()).hasSize(4);

		Installation.Run resolve = app.run("send", "--mark-sent=" + a, "--requeue=" + b);
		Installation.Run again = app.run("send");
		Installation.Run wrong = app.run("send", "--requeue=" + a);

		assertThat(resolve.exitCode()).as(resolve.err()).isZero();
		assertThat(resolve.out()).contains("outbound " + a + ": marked SENT", "outbound " + b + ": queued again");
		assertThat(again.out()).contains("1 sent", "0 in doubt");
		assertThat(app.greenMail().getReceivedMessages()).hasSize(5);
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email WHERE state = 'SENT'")).isEqualTo(4);
		assertThat(wrong.exitCode()).isEqualTo(2);
		assertThat(wrong.err()).contains("not in doubt (unknown, or not SENDING): " + a);
	}

	@Test
	void settlesRowsAStoppedRunLeftSendingByWhatItsJournalSays() throws Exception {
		app.run("run", "nightly", "--date=2026-03-02");
		app.execute("UPDATE outbound_email SET state = 'SENDING'");
		long a = idOf("a@x.example");
		long b = idOf("b@x.example");
		long c = idOf("c@x.example");
		long d = idOf("d@x.example");
		// a delivered, b claimed but never handed over, c handed over with no answer; d
		// unknown to the journal,
		// named only by a last line the crash cut short
		Path journal = app.home().resolve("data/outbox.journal");
		Files.writeString(journal, "C %d %d %d\nA %d\nS %d\nA %d\nS %d".formatted(a, b, c, a, a, c, d));

		Installation.Run send = app.run("send");

		assertThat(send.out()).contains("1 sent", "2 in doubt (not resent)");
		assertThat(app.greenMail().getReceivedMessages()).hasSize(5);
		assertThat(app.inboxOf("b@x.example")).hasSize(2);
		assertThat(app.inboxOf("a@x.example")).hasSize(1);
		assertThat(app.query("SELECT recipient, state FROM outbound_email ORDER BY recipient"))
			.extracting(r -> r.get("recipient") + " " + r.get("state"))
			.containsExactly("a@x.example SENT", "b@x.example SENT", "c@x.example SENDING", "d@x.example SENDING");
		assertThat(journal).doesNotExist();
	}

	private long idOf(String recipient) throws java.sql.SQLException {
		return app.count("SELECT id FROM outbound_email WHERE recipient = '" + recipient + "'");
	}

}
