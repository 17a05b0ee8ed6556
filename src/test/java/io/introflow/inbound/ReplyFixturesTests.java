package io.introflow.inbound;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The labelled fixture set under {@code src/test/resources/mail/<class>/}: bounces of
 * several MTAs, auto-replies in six languages, answers from several mail programs with
 * quotes and signatures, intro copies, the prospect's replies, unsubscribe requests and
 * malformed messages. Each is read through {@code introflow replies --from-folder},
 * stored, matched and classified; the test prints precision and recall per class and
 * wants every message as labelled.
 */
class ReplyFixturesTests {

	static final Path FIXTURES = Path.of("src/test/resources/mail").toAbsolutePath();

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws Exception {
		app.run("status"); // creates the database
		introduction("t1ann", "ann@acme.example", "direct");
		introduction("t2bernd", "bernd@beispiel.example", "direct");
		introduction("t3claire", "claire@exemple.example", "direct");
		introduction("t4diego", "diego@ejemplo.example", "direct");
		introduction("t5daan", "daan@voorbeeld.example", "direct");
		introduction("t6joao", "joao@exemplo.example", "direct");
		introduction("t7eve", "eve@globex.example", "direct");
		introduction("t8opt", "frank@initech.example", "optin");
		introduction("t9gus", "gus@gus.example", "direct");
	}

	private void introduction(String token, String referrer, String form) throws Exception {
		app.execute("""
				INSERT INTO introduction (token, referrer_email, owner_email, owner_name, segment, variant, state,
				  created_on, updated_at, intro_form)
				VALUES (?, ?, 'mia@introflow.example', 'Mia Rep', 'customer', 'a', 'ASKED', DATE '2026-11-10',
				  CURRENT_TIMESTAMP, ?)""", token, referrer, form);
	}

	@Test
	void classifiesEveryFixtureAsItsFolderSays() throws Exception {
		Installation.Run run = app.run("replies", "--from-folder", FIXTURES.toString(), "--date=2026-11-20");
		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

		List<String[]> results = new ArrayList<>(); // file, expected, actual, evidence
		for (Map<String, Object> row : app.query("SELECT source, classification, evidence FROM inbound_message")) {
			Path file = Path.of((String) row.get("source"));
			String expected = file.getParent().getFileName().toString().toUpperCase(Locale.ROOT).replace('-', '_');
			results.add(new String[] { FIXTURES.relativize(file).toString(), expected,
					String.valueOf(row.get("classification")), String.valueOf(row.get("evidence")) });
		}
		System.out.println(table(results));

		assertThat(results).hasSizeGreaterThanOrEqualTo(60);
		assertThat(results).filteredOn(r -> !r[1].equals(r[2]))
			.extracting(r -> r[0] + " read as " + r[2] + " (" + r[3] + ")")
			.isEmpty();
	}

	@Test
	void readingTheSameFolderTwiceChangesNothing() throws Exception {
		app.run("replies", "--from-folder", FIXTURES.toString(), "--date=2026-11-20");
		List<Map<String, Object>> messages = app
			.query("SELECT id, classification, evidence FROM inbound_message ORDER BY id");
		List<Map<String, Object>> events = app.query("SELECT * FROM intro_event ORDER BY id");
		List<Map<String, Object>> intros = app
			.query("SELECT token, state, prospect_email FROM introduction ORDER BY id");
		long outbound = app.count("SELECT COUNT(*) FROM outbound_email");

		Installation.Run again = app.run("replies", "--from-folder", FIXTURES.toString(), "--date=2026-11-21");

		assertThat(again.out()).contains("0 new messages stored");
		assertThat(app.query("SELECT id, classification, evidence FROM inbound_message ORDER BY id"))
			.isEqualTo(messages);
		assertThat(app.query("SELECT * FROM intro_event ORDER BY id")).isEqualTo(events);
		assertThat(app.query("SELECT token, state, prospect_email FROM introduction ORDER BY id")).isEqualTo(intros);
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email")).isEqualTo(outbound);
	}

	@Test
	void appliesEachClassEffectAndForwardsWhatNeedsAPersonToTheRep() throws Exception {
		app.run("replies", "--from-folder", FIXTURES.toString(), "--date=2026-11-20");
		Installation.Run send = app.run("send");

		// hard bounces suppress the failed address, soft ones (4.x.x) do not
		assertThat(app.query("SELECT email, reason FROM suppression WHERE reason = 'hard_bounce' ORDER BY email"))
			.extracting(r -> r.get("email"))
			.contains("ann@acme.example", "bernd@beispiel.example", "joao@exemplo.example", "eve@globex.example")
			.doesNotContain("diego@ejemplo.example");
		assertThat(app.query("SELECT detail FROM intro_event WHERE type = 'SOFT_BOUNCE'")).hasSize(2);
		// the intro copy records the prospect; the assistant writing from another address
		// is recorded too
		assertThat(
				app.query("SELECT prospect_email FROM introduction WHERE token = 't7eve'").get(0).get("prospect_email"))
			.isEqualTo("paul@prospect.example");
		assertThat(app.query("SELECT detail FROM intro_event WHERE type = 'PROSPECT_ADDRESS'"))
			.extracting(r -> String.valueOf(r.get("detail")))
			.anyMatch(d -> d.contains("assistant@prospect.example"));
		// a pointer to someone else names them
		assertThat(app.query("SELECT detail FROM intro_event WHERE type = 'REFERRED_ELSEWHERE'"))
			.extracting(r -> String.valueOf(r.get("detail")))
			.anyMatch(d -> d.contains("Jane Porter") && d.contains("jane.porter@acme.example"))
			.anyMatch(d -> d.contains("Petra Schmidt"));
		// every reply from a person (questions among them) reaches the rep as an email
		// with the original attached; replying answers the writer
		assertThat(send.exitCode()).as(send.err()).isZero();
		var forwards = app.inboxOf("mia@introflow.example");
		assertThat(forwards).extracting(m -> m.getSubject())
			.contains("Reply to answer: Re: Anyone who could use our help?");
		List<String> texts = new ArrayList<>();
		for (var m : forwards) {
			if (m.getReplyTo()[0].toString().contains("ann@acme.example")) {
				assertThat(m.getContentType()).startsWith("multipart/mixed");
				texts.add(ReplyText.full(m));
			}
		}
		assertThat(texts)
			.anyMatch(t -> t.contains("What Introflow understood: question") && t.contains("What kind of companies"));
		// nothing automatic was ever answered: only the rep got mail
		assertThat(app.greenMail().getReceivedMessages())
			.allSatisfy(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo("mia@introflow.example"));
	}

	@Test
	void readsAMaildirAndMovesWhatItStoredFromNewToCur() throws Exception {
		Path maildir = app.home().resolve("Maildir");
		for (String sub : List.of("new", "cur", "tmp")) {
			java.nio.file.Files.createDirectories(maildir.resolve(sub));
		}
		java.nio.file.Files.copy(FIXTURES.resolve("agreed/01-gmail-yes.eml"), maildir.resolve("new/1700000000.1.host"));
		java.nio.file.Files.copy(FIXTURES.resolve("bounce/07-exim.eml"), maildir.resolve("new/1700000001.2.host"));

		Installation.Run first = app.run("replies", "--from-folder", maildir.toString(), "--date=2026-11-20");
		Installation.Run second = app.run("replies", "--from-folder", maildir.toString(), "--date=2026-11-20");

		assertThat(first.out()).contains("2 new messages stored");
		assertThat(second.out()).contains("0 new messages stored");
		assertThat(maildir.resolve("new")).isEmptyDirectory();
		assertThat(maildir.resolve("cur/1700000000.1.host:2,S")).exists();
		assertThat(app.query("SELECT classification FROM inbound_message ORDER BY id"))
			.extracting(r -> r.get("classification"))
			.containsExactly("AGREED", "BOUNCE");
	}

	/** Per class: how many were labelled so, read so, and both; precision and recall. */
	static String table(List<String[]> results) {
		Map<String, int[]> counts = new TreeMap<>();
		for (String[] r : results) {
			counts.computeIfAbsent(r[1], k -> new int[3])[0]++;
			counts.computeIfAbsent(r[2], k -> new int[3])[1]++;
			if (r[1].equals(r[2])) {
				counts.get(r[1])[2]++;
			}
		}
		StringBuilder out = new StringBuilder(String.format("%-18s %8s %8s %8s %10s %8s%n", "class", "labelled",
				"read as", "correct", "precision", "recall"));
		for (var e : counts.entrySet()) {
			int[] c = e.getValue();
			out.append(String.format("%-18s %8d %8d %8d %10.2f %8.2f%n", e.getKey(), c[0], c[1], c[2],
					c[1] == 0 ? 0.0 : (double) c[2] / c[1], c[0] == 0 ? 0.0 : (double) c[2] / c[0]));
		}
		new TreeSet<>(counts.keySet());
		for (String[] r : results) {
			if (!r[1].equals(r[2])) {
				out.append("MISREAD ").append(r[0]).append(": ").append(r[2]).append(" - ").append(r[3]).append('\n');
			}
		}
		return out.toString();
	}

}
