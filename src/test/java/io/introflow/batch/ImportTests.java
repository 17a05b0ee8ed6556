package io.introflow.batch;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drop folder as marketing ops use it: messy files in, rows in the database, rejects
 * and archives out.
 */
class ImportTests {

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone,tier,industry
			alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London,gold,Logistics
			bob@bolt.example,Bob Brown,Bolt Ltd,partner,james.okafor@introflow.example,James Okafor,,,,silver,
			""";

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@Test
	void importsClientsKeepsExtraColumnsAsAttributesAndArchivesTheFile() throws Exception {
		app.inbox("clients.csv", CLIENTS);

		Installation.Run run = night("2026-03-02");

		assertThat(run.out()).contains("clients.csv (2 rows): 2 rows read, 2 new, 0 updated, 0 unchanged, 0 rejected");
		assertThat(app.query("SELECT email, segment, locale, time_zone, attributes FROM contact ORDER BY email"))
			.containsExactly(
					Map.of("email", "alice@acme.example", "segment", "customer", "locale", "en", "time_zone",
							"Europe/London", "attributes", "{\"industry\":\"Logistics\",\"tier\":\"gold\"}"),
					Map.of("email", "bob@bolt.example", "segment", "partner", "locale", "en", "time_zone", "UTC",
							"attributes", "{\"tier\":\"silver\"}"));
		assertThat(app.home().resolve("inbox/clients.csv")).doesNotExist();
		assertThat(app.home().resolve("processed/2026-03-02/clients.csv")).hasContent(CLIENTS.strip());
	}

	@Test
	void upsertsByEmailInAnyCaseAndAnIdenticalFileChangesNothing() throws Exception {
		app.inbox("clients.csv", CLIENTS);
		night("2026-03-02");
		List<Map<String, Object>> before = app.query("SELECT * FROM contact ORDER BY email");

		app.inbox("clients.csv", CLIENTS);
		Installation.Run same = night("2026-03-03");

		assertThat(same.out()).contains("2 rows read, 0 new, 0 updated, 2 unchanged");
		assertThat(app.query("SELECT * FROM contact ORDER BY email")).isEqualTo(before);

		app.inbox("partners.csv", """
				E-Mail;Full Name;Relationship;Owner
				ALICE@Acme.Example;Alice Archer-Smith;customer;maria.lopez@introflow.example
				""");
		Installation.Run changed = night("2026-03-04");

		assertThat(changed.out()).contains("partners.csv (1 rows): 1 rows read, 0 new, 1 updated, 0 unchanged");
		assertThat(app.query("SELECT name FROM contact WHERE email = 'alice@acme.example'").get(0))
			.containsEntry("name", "Alice Archer-Smith");
		assertThat(app.count("SELECT COUNT(*) FROM contact")).isEqualTo(2);
	}

	@Test
	void rejectsBadRowsToTheRejectsFileAndImportsTheRest() throws Exception {
		app.inbox("clients.csv", """
				email,name,relationship,owner_email,segment,time_zone
				good@a.example,Good Row,customer,maria@introflow.example,,
				not-an-address,Bad Email,customer,maria@introflow.example,,
				kind@a.example,Bad Kind,supplier,maria@introflow.example,,
				"multi@a.example","Line
				Break",customer,maria@introflow.example,,
				path@a.example,Bad Segment,customer,maria@introflow.example,../../etc,
				zone@a.example,Bad Zone,customer,maria@introflow.example,,Mars/Olympus
				also-good@a.example,Also Good,partner,maria@introflow.example,,
				""");

		night("2026-03-02");

		assertThat(app.query("SELECT email FROM contact ORDER BY email")).extracting(r -> r.get("email"))
			.containsExactly("also-good@a.example", "good@a.example");
		assertThat(Files.readAllLines(app.home().resolve("reports/rejects-2026-03-02.csv"))).containsExactly(
				"file,line,column,value,reason", "clients.csv,3,email,not-an-address,is not a valid email address",
				"clients.csv,4,relationship,supplier,\"must be one of customer, partner\"",
				"clients.csv,5,name,LineBreak,contains a line break or control character",
				"clients.csv,7,segment,../../etc,\"may hold only letters, digits, '-' and '_'\"",
				"clients.csv,8,time_zone,Mars/Olympus,is not a time zone such as Europe/Berlin");
	}

	@Test
	void writesTheRejectsFileFromStoredRowsWithEveryCellSafeToOpenInASpreadsheet() throws Exception {
		app.inbox("clients.csv", """
				email,name,relationship,owner_email
				"=HYPERLINK(""http://evil.example/?"",""click"")",Hyper Link,customer,maria@introflow.example
				=cmd|' /C calc'!A0,Cmd Calc,customer,maria@introflow.example
				plus@a.example,Plus,+1+cmd|' /C calc'!A0,maria@introflow.example
				minus@a.example,Minus,-2+3,maria@introflow.example
				at@a.example,At,@SUM(1+1)*cmd|' /C calc'!A0,maria@introflow.example
				bell@a.example,"=cmd\u0007|' /C calc'!A0",customer,maria@introflow.example
				tab@a.example,"Tab	=1+1",customer,maria@introflow.example
				good@a.example,Good Row,customer,maria@introflow.example
				""");

		night("2026-03-02");

		assertThat(app.query("SELECT email FROM contact")).extracting(r -> r.get("email"))
			.containsExactly("good@a.example");
		assertThat(app.query("SELECT file_type, file_name, line_number, column_name, rejected_value FROM import_reject "
				+ "WHERE run_date = DATE '2026-03-02' ORDER BY id"))
			.extracting(r -> r.get("file_type") + " " + r.get("file_name") + ":" + r.get("line_number") + " "
					+ r.get("column_name") + " " + r.get("rejected_value"))
			.containsExactly("clients clients.csv:2 email =HYPERLINK(\"http://evil.example/?\",\"click\")",
					"clients clients.csv:3 email =cmd|' /C calc'!A0",
					"clients clients.csv:4 relationship +1+cmd|' /c calc'!a0",
					"clients clients.csv:5 relationship -2+3",
					"clients clients.csv:6 relationship @sum(1+1)*cmd|' /c calc'!a0",
					"clients clients.csv:7 name =cmd\u0007|' /C calc'!A0", "clients clients.csv:8 name Tab\t=1+1");
		List<List<String>> cells = csv(app.home().resolve("reports/rejects-2026-03-02.csv"));
		assertThat(cells.get(0)).containsExactly("file", "line", "column", "value", "reason");
		assertThat(cells.subList(1, cells.size())).extracting(row -> row.get(3))
			.containsExactly("'=HYPERLINK(\"http://evil.example/?\",\"click\")", "'=cmd|' /C calc'!A0",
					"'+1+cmd|' /c calc'!a0", "'-2+3", "'@sum(1+1)*cmd|' /c calc'!a0", "'=cmd|' /C calc'!A0", "Tab=1+1");
		assertThat(cells).allSatisfy(row -> assertThat(row).allSatisfy(cell -> {
			assertThat(cell).doesNotContainPattern("\\p{Cntrl}");
			assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
		}));
	}

	@Test
	void refusesNamesWhoseEncodedWordsDecodeToALineBreakAndStoresHarmlessOnesDecoded() throws Exception {
		String bcc = "=?utf-8?b?"
				+ java.util.Base64.getEncoder()
					.encodeToString("Eve\r\nBcc: spy@evil.example".getBytes(java.nio.charset.StandardCharsets.UTF_8))
				+ "?=";
		app.inbox("clients.csv",
				"""
						email,name,company,relationship,owner_email,owner_name
						eve@eve.example,%s,Eve Inc,customer,maria@introflow.example,Maria Lopez
						carl@carl.example,Carl,=?iso-8859-1?q?Eve=0D=0ABcc:_spy@evil.example?=,customer,maria@introflow.example,
						zoe@zoe.example,=?utf-8?q?Zo=C3=AB?= Berg,=?iso-8859-1?q?M=FCller_GmbH?=,customer,maria@introflow.example,
						"""
					.formatted(bcc));
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at,prospect_name
				eve@eve.example,praise,2026-03-01,
				carl@carl.example,praise,2026-03-01,
				zoe@zoe.example,praise,2026-03-01,%s
				zoe@zoe.example,renewal,2026-03-01,=?utf-8?q?Paul_Park?=
				""".formatted(bcc));

		night("2026-03-02");
		night("2026-03-04");

		assertThat(app.query("SELECT file_name, line_number, column_name, reason FROM import_reject ORDER BY id"))
			.extracting(r -> r.get("file_name") + ":" + r.get("line_number") + " " + r.get("column_name") + " "
					+ r.get("reason"))
			.containsExactly("clients.csv:2 name decodes (RFC 2047 encoded word) to a line break or control character",
					"clients.csv:3 company decodes (RFC 2047 encoded word) to a line break or control character",
					"triggers.csv:4 prospect_name decodes (RFC 2047 encoded word) to a line break or control character");
		assertThat(app.query("SELECT name, company FROM contact")).singleElement()
			.isEqualTo(Map.of("name", "Zoë Berg", "company", "Müller GmbH"));
		assertThat(app.query("SELECT contact_email, type, prospect_name FROM intro_trigger"))
			.extracting(r -> r.get("contact_email") + " " + r.get("type") + " " + r.get("prospect_name"))
			.containsExactlyInAnyOrder("eve@eve.example praise ", "carl@carl.example praise ",
					"zoe@zoe.example renewal Paul Park");
		assertThat(app.inboxOf("spy@evil.example")).isEmpty();
		assertThat(app.inboxOf("eve@eve.example")).isEmpty();
		List<jakarta.mail.internet.MimeMessage> toZoe = app.inboxOf("zoe@zoe.example");
		assertThat(toZoe).isNotEmpty().allSatisfy(m -> {
			assertThat(m.getRecipients(jakarta.mail.Message.RecipientType.TO)).singleElement()
				.satisfies(to -> assertThat(((jakarta.mail.internet.InternetAddress) to).getPersonal())
					.isEqualTo("Zoë Berg"));
			assertThat(m.getSubject()).doesNotContain("=?", "\r", "\n");
			assertThat(m.getHeader("Bcc")).isNull();
		});
	}

	@Test
	void rejectsARowWhoseExtraColumnsTogetherHoldMoreThanTheDatabaseKeepsAndImportsTheRest() throws Exception {
		StringBuilder header = new StringBuilder("email,name,relationship,owner_email");
		StringBuilder wide = new StringBuilder("wide@a.example,Wide Row,customer,maria@introflow.example");
		for (int i = 1; i <= 25; i++) {
			header.append(",extra").append(i);
			wide.append(',').append("v".repeat(200));
		}
		app.inbox("clients.csv", header + "\n" + wide + "\ngood@a.example,Good Row,customer,maria@introflow.example"
				+ ",x".repeat(25) + "\n");

		night("2026-03-02");

		assertThat(app.query("SELECT email FROM contact")).extracting(r -> r.get("email"))
			.containsExactly("good@a.example");
		assertThat(app.query("SELECT line_number, column_name, reason FROM import_reject")).singleElement()
			.satisfies(r -> {
				assertThat(r.get("line_number")).isEqualTo(2L);
				assertThat(r.get("column_name")).isEqualTo("extra19");
				assertThat((String) r.get("reason")).contains("4000 characters");
			});
	}

	@Test
	void aFileWithAStructuralProblemIsMovedToFailedWithItsReasonAndOtherFilesImport() throws Exception {
		app.inbox("clients-a.csv", "email,name,relationship\nx@a.example,X,customer\n");
		app.inbox("clients-b.csv", CLIENTS);
		Files.write(app.home().resolve("inbox/clients-c.csv"),
				"email,name,relationship,owner_email\nj@a.example,Jürgen,customer,m@introflow.example\n"
					.getBytes(Charset.forName("windows-1252")));

		Installation.Run run = night("2026-03-02");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("Files not imported\n  clients-a.csv: missing required column 'owner_email'",
				"\n  clients-c.csv: line 2 has bytes that are not valid UTF-8");
		assertThat(app.count("SELECT COUNT(*) FROM contact")).isEqualTo(2);
		assertThat(app.home().resolve("failed/2026-03-02/clients-a.csv")).exists();
		assertThat(app.home().resolve("failed/2026-03-02/clients-a.csv.reason.txt")).content()
			.contains("missing required column 'owner_email'");
		assertThat(app.home().resolve("failed/2026-03-02/clients-c.csv.reason.txt")).content().contains("windows-1252");
		assertThat(app.home().resolve("processed/2026-03-02/clients-b.csv")).exists();
		assertThat(app.home().resolve("inbox")).isEmptyDirectory();
	}

	@Test
	void readsWindows1252SemicolonFilesWithLocalDatesWhenConfigured() throws Exception {
		Files.writeString(app.home().resolve("batch-config/intake.yml"), """
				introflow:
				  intake:
				    date-formats: [dd.MM.yyyy]
				    types:
				      triggers:
				        encoding: windows-1252
				""");
		app.inbox("clients.csv", CLIENTS);
		Files.write(app.home().resolve("inbox/triggers.csv"),
				"""
						Kontakt E-Mail;Typ;Datum;Notiz
						alice@acme.example;praise;01.03.2026;"Großartig – danke!
						Zweite Zeile"
						alice@acme.example;praise;01.03.2026;doppelt
						""".replace("Kontakt E-Mail", "email")
					.replace("Typ", "type")
					.replace("Datum", "date")
					.replace("Notiz", "note")
					.getBytes(Charset.forName("windows-1252")));

		Installation.Run run = night("2026-03-02");

		assertThat(run.out()).contains("triggers.csv (2 rows): 2 rows read, 1 new, 0 updated, 1 unchanged");
		assertThat(app.query("SELECT contact_email, occurred_on, note FROM intro_trigger")).singleElement()
			.satisfies(row -> {
				assertThat(row.get("occurred_on")).hasToString("2026-03-01");
				assertThat(row.get("note")).isEqualTo("Großartig – danke!\nZweite Zeile");
			});
	}

	@Test
	void anImportedSuppressionStopsPlanningAndOutcomesMoveIntroductions() throws Exception {
		app.inbox("clients.csv",
				CLIENTS + "carol@cobalt.example,Carol,Cobalt,customer,maria.lopez@introflow.example,,,,,,\n");
		app.inbox("triggers.csv", """
				contact_email,type,occurred_at,prospect_name,prospect_email
				alice@acme.example,go_live,2026-03-01,Paul Park,paul@prospect.example
				bob@bolt.example,praise,2026-03-01,,
				carol@cobalt.example,praise,2026-03-01,,
				""");
		app.inbox("suppressions.csv", "email,reason\nCAROL@cobalt.example,do_not_contact\n");
		night("2026-03-02");
		assertThat(app.query("SELECT contact_email, status FROM intro_trigger ORDER BY contact_email"))
			.extracting(r -> r.get("contact_email") + " " + r.get("status"))
			.containsExactly("alice@acme.example PLANNED", "bob@bolt.example PLANNED", "carol@cobalt.example REFUSED");
		night("2026-03-04");
		String bobToken = (String) app.query("SELECT token FROM introduction WHERE referrer_email = 'bob@bolt.example'")
			.get(0)
			.get("token");

		app.inbox("outcomes.csv", "token,prospect_email,outcome,date\n" + bobToken + ",,meeting,2026-03-05\n"
				+ ",paul@prospect.example,won,2026-03-05\n" + "zzzzzzzzzzzzzzzzzzzz,,won,2026-03-05\n");
		Installation.Run run = night("2026-03-05");

		assertThat(run.out()).contains("outcomes.csv (3 rows): 3 rows read, 2 new, 0 updated, 0 unchanged, 1 rejected");
		assertThat(app.query("SELECT referrer_email, state FROM introduction ORDER BY referrer_email"))
			.extracting(r -> r.get("referrer_email") + " " + r.get("state"))
			.containsExactly("alice@acme.example WON", "bob@bolt.example MEETING");
		assertThat(app.query("SELECT from_state, to_state FROM intro_event WHERE type = 'TRANSITION' AND cause LIKE "
				+ "'import outcomes.csv:3' ORDER BY id"))
			.extracting(r -> r.get("from_state") + "->" + r.get("to_state"))
			.containsExactly("ASKED->INTRODUCED", "INTRODUCED->ENGAGED", "ENGAGED->MEETING", "MEETING->WON");
		// every introduction is thanked, also one reported by sales
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email WHERE step_key = 'thank-you' AND state = 'SENT'"))
			.isEqualTo(2);
		assertThat(Files.readString(app.home().resolve("reports/rejects-2026-03-05.csv")))
			.contains("outcomes.csv,4,token,zzzzzzzzzzzzzzzzzzzz,matches no introduction");

		// the same outcomes again change nothing; the next business day closes the loop
		// with alice, once
		app.inbox("outcomes.csv", "token,prospect_email,outcome,date\n" + bobToken + ",,meeting,2026-03-05\n"
				+ ",paul@prospect.example,won,2026-03-05\n");
		long lastEvent = app.count("SELECT MAX(id) FROM intro_event");
		Installation.Run again = night("2026-03-06");
		assertThat(again.out()).contains("2 rows read, 0 new, 0 updated, 2 unchanged");
		assertThat(app.query("SELECT type, detail FROM intro_event WHERE id > ? ORDER BY id", lastEvent))
			.extracting(r -> r.get("type") + " " + r.get("detail"))
			.containsExactly("STEP_QUEUED close-the-loop");
		assertThat(
				app.query("SELECT recipient FROM outbound_email WHERE step_key = 'close-the-loop' AND state = 'SENT'"))
			.extracting(r -> r.get("recipient"))
			.containsExactly("alice@acme.example");
		night("2026-03-09");
		assertThat(app.count("SELECT COUNT(*) FROM outbound_email WHERE step_key LIKE 'close-the-loop%'")).isOne();
	}

	@Test
	void importsOneFileOnRequestLeavesItWhereItIsAndExitsByOutcome() throws Exception {
		Path file = Files.writeString(app.home().resolve("my-export.csv"), CLIENTS);

		Installation.Run unknownKind = app.run("import", file.toString());
		Installation.Run imported = app.run("import", file.toString(), "--type=clients", "--date=2026-03-02");
		Installation.Run missing = app.run("import", app.home().resolve("nope.csv").toString(), "--type=clients");
		Path broken = Files.writeString(app.home().resolve("clients-broken.csv"), "email,name\na@a.example,A\n");
		Installation.Run wholeFileProblem = app.run("import", broken.toString());

		assertThat(unknownKind.exitCode()).isEqualTo(2);
		assertThat(unknownKind.err()).contains("cannot tell the kind of my-export.csv", "--type");
		assertThat(imported.exitCode()).as(imported.err()).isZero();
		assertThat(imported.out()).contains("my-export.csv (2 rows): 2 rows read, 2 new", "2 rows in");
		assertThat(file).exists();
		assertThat(app.count("SELECT COUNT(*) FROM contact")).isEqualTo(2);
		assertThat(missing.exitCode()).isEqualTo(2);
		assertThat(wholeFileProblem.exitCode()).isEqualTo(1);
		assertThat(wholeFileProblem.out()).contains("FILE NOT IMPORTED: clients-broken.csv: missing required column");
		assertThat(broken).exists();
	}

	private Installation.Run night(String date) {
		Installation.Run run = app.run("run", "nightly", "--date=" + date);
		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		return run;
	}

	private static List<List<String>> csv(Path file) throws IOException {
		try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.parse(Files.newBufferedReader(file))) {
			return parser.stream().map(org.apache.commons.csv.CSVRecord::toList).toList();
		}
	}

}
