package io.introflow.inbound;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounce fixtures under {@code src/test/resources/bounces/}: one message per form
 * (RFC 3464 and 3461 reports, the text bounces of common MTAs, provider notices) labelled
 * in {@code labels.csv} with the failed recipient, the reason and whether it is hard;
 * rows without a recipient are messages that must not be read as bounces. Each is read
 * through {@code introflow replies --from-folder}; the test prints bounce recall, false
 * bounces, recipient accuracy and hard/soft agreement, and wants every message as
 * labelled, hard ones suppressed and soft ones not.
 */
class BounceFixturesTests {

	static final Path FIXTURES = Path.of("src/test/resources/bounces").toAbsolutePath();

	/** The bounce's evidence ends "5.2.2 mailbox_full (soft) for bea@beta.example". */
	private static final Pattern READ = Pattern.compile("(\\S+) \\((hard|soft)\\) for (\\S+)");

	private static final Pattern SENT_TO = Pattern.compile("the one we sent to[:,] (\\S+)");

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws Exception {
		app.run("status");
		for (String[] intro : List.of(new String[] { "t1ann", "ann@acme.example" },
				new String[] { "t2bernd", "bernd@beispiel.example" })) {
			app.execute("""
					INSERT INTO introduction (token, referrer_email, owner_email, owner_name, segment, variant, state,
					  created_on, updated_at, intro_form)
					VALUES (?, ?, 'mia@introflow.example', 'Mia Rep', 'customer', 'a', 'ASKED', DATE '2026-11-10',
					  CURRENT_TIMESTAMP, 'direct')""", intro[0], intro[1]);
		}
	}

	@Test
	void readsEveryBounceFormWithItsRecipientReasonAndHardness() throws Exception {
		Installation.Run run = app.run("replies", "--from-folder", FIXTURES.toString(), "--date=2026-11-20");
		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		Map<String, String[]> read = new HashMap<>(); // file -> classification, evidence
		for (Map<String, Object> row : app.query("SELECT source, classification, evidence FROM inbound_message")) {
			read.put(Path.of((String) row.get("source")).getFileName().toString(),
					new String[] { String.valueOf(row.get("classification")), String.valueOf(row.get("evidence")) });
		}
		Set<String> suppressed = app.query("SELECT email FROM suppression WHERE reason = 'hard_bounce'")
			.stream()
			.map(r -> String.valueOf(r.get("email")))
			.collect(Collectors.toSet());

		int bounces = 0, recognised = 0, negatives = 0, falseBounces = 0, recipientRight = 0, hardRight = 0,
				reasonRight = 0;
		List<String> wrong = new ArrayList<>();
		StringBuilder table = new StringBuilder();
		List<String> labels = Files.readAllLines(FIXTURES.resolve("labels.csv"));
		for (String line : labels.subList(1, labels.size())) {
			String[] label = line.split(",", -1);
			String file = label[0];
			String[] got = read.get(file);
			assertThat(got).as("stored " + file).isNotNull();
			boolean bounce = "BOUNCE".equals(got[0]);
			if (label[1].isEmpty()) {
				negatives++;
				if (bounce) {
					falseBounces++;
					wrong.add(file + ": not a bounce, read as one (" + got[1] + ")");
				}
				table.append(String.format("%-45s %-10s %s%n", file, got[0], "(not a bounce)"));
				continue;
			}
			bounces++;
			Matcher m = READ.matcher(got[1]);
			if (!bounce || !m.find()) {
				wrong.add(file + ": read as " + got[0] + " (" + got[1] + ")");
				continue;
			}
			recognised++;
			Matcher sent = SENT_TO.matcher(got[1]);
			String recipient = sent.find() ? sent.group(1) : m.group(3);
			boolean hard = m.group(2).equals("hard");
			String reason = m.group(1);
			table.append(String.format("%-45s %-10s %-30s %-16s %s%n", file, got[0], recipient, reason, m.group(2)));
			if (recipient.equals(label[1])) {
				recipientRight++;
			}
			else {
				wrong.add(file + ": recipient " + recipient + ", labelled " + label[1]);
			}
			if (reason.equals(label[2])) {
				reasonRight++;
			}
			else {
				wrong.add(file + ": reason " + reason + ", labelled " + label[2]);
			}
			if (hard == Boolean.parseBoolean(label[3]) && suppressed.contains(label[1]) == hard) {
				hardRight++;
			}
			else {
				wrong.add(
						file + ": " + m.group(2) + (suppressed.contains(label[1]) ? ", suppressed" : ", not suppressed")
								+ "; labelled hard=" + label[3]);
			}
		}
		System.out.println(table);
		System.out.printf(
				"bounce recall %d/%d = %.2f; false bounces %d/%d; recipient exact %d/%d; reason %d/%d;"
						+ " hard/soft agreement %d/%d%n",
				recognised, bounces, (double) recognised / bounces, falseBounces, negatives, recipientRight, recognised,
				reasonRight, recognised, hardRight, recognised);
		wrong.forEach(w -> System.out.println("WRONG " + w));

		// a report that delivery went well is the mail system's: never a bounce, never a
		// person's reply
		assertThat(List.of(read.get("n1-delivered-dsn.eml")[0], read.get("n2-relayed-dsn.eml")[0]))
			.containsOnly("AUTO_REPLY");
		assertThat(bounces).isGreaterThanOrEqualTo(30);
		assertThat(negatives).isGreaterThanOrEqualTo(4);
		assertThat(wrong).isEmpty();
	}

	@Test
	void aSoftBounceOfTheReferrerIsRecordedWithItsReasonAndSuppressesNothing() throws Exception {
		Path folder = app.home().resolve("one");
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("full.eml"),
				Files.readString(FIXTURES.resolve("02-rfc3464-null-from-mailbox-full.eml"))
					.replace("To: mia@introflow.example", "To: bounce+t2bernd@reply.introflow.example")
					.replace("bea@beta.example", "bernd@beispiel.example"));

		app.run("replies", "--from-folder", folder.toString(), "--date=2026-11-20");

		assertThat(app.query("SELECT detail FROM intro_event WHERE type = 'SOFT_BOUNCE'"))
			.extracting(r -> String.valueOf(r.get("detail")))
			.singleElement()
			.satisfies(d -> assertThat(d).contains("5.2.2 mailbox_full (soft) for bernd@beispiel.example"));
		assertThat(app.count("SELECT COUNT(*) FROM suppression")).isZero();
		assertThat(app.query("SELECT state FROM introduction WHERE token = 't2bernd'").get(0).get("state"))
			.isEqualTo("ASKED");
	}

}
