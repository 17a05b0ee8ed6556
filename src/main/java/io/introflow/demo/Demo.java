package io.introflow.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import io.introflow.IntroflowException;
import io.introflow.batch.NightlyRunner;
import io.introflow.intro.IntroState;
import io.introflow.intro.PublicLinks;
import io.introflow.report.Funnel;

/**
 * The embedded demo: bundled sample clients and triggers, an in-process mail server, a
 * fresh H2 file database, and several simulated nights with scripted clients answering in
 * between.
 */
public final class Demo {

	public static final String REPLY_DOMAIN = "reply.introflow.example";

	/**
	 * Shorter than the default 60 days, so that asking again after the cool-down fits in
	 * the demo's nights.
	 */
	public static final int COOL_DOWN_DAYS = 14;

	/** The port of {@code introflow serve --demo} that the demo's emails link to. */
	public static final int PAGES_PORT = 8080;

	static final Map<String, DemoClients.Behaviour> SCRIPT = new LinkedHashMap<>();

	static {
		SCRIPT.put("anna.berg@nordlicht-logistics.example", DemoClients.Behaviour.AGREES);
		SCRIPT.put("ben.carter@harbor-health.example", DemoClients.Behaviour.USES_PREFILLED_INTRO);
		SCRIPT.put("chloe.dubois@atelier-lumen.example", DemoClients.Behaviour.DECLINES);
		SCRIPT.put("david.kim@bluepeak-software.example", DemoClients.Behaviour.OUT_OF_OFFICE);
		SCRIPT.put("isabel.moreno@solana-partners.example", DemoClients.Behaviour.USES_PREFILLED_INTRO);
	}

	private final ApplicationContext context;

	private final DemoMailServer mail;

	private final Path output;

	private final PrintWriter out;

	public Demo(ApplicationContext context, DemoMailServer mail, Path output, PrintWriter out) {
		this.context = context;
		this.mail = mail;
		this.output = output;
		this.out = out;
	}

	/** Empties the output folder and puts the bundled sample files in its drop folder. */
	public static void prepare(Path output) throws IOException {
		FileSystemUtils.deleteRecursively(output);
		Files.createDirectories(output.resolve("inbox"));
		for (String name : List.of("clients.csv", "triggers.csv", "partner-referrals.csv")) {
			try (InputStream in = Demo.class.getResourceAsStream("/demo/" + name)) {
				Files.copy(in, output.resolve("inbox").resolve(name), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	/**
	 * The settings that point the application at the demo's database, folders and mail
	 * server.
	 */
	public static Map<String, Object> properties(Path output, DemoMailServer mail) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("spring.datasource.url",
				"jdbc:h2:file:" + output.resolve("data").resolve("introflow").toAbsolutePath() + ";WRITE_DELAY=0");
		p.put("introflow.folders.inbox", output.resolve("inbox").toAbsolutePath().toString());
		p.put("introflow.folders.reports", output.resolve("reports").toAbsolutePath().toString());
		p.putAll(mail.settings());
		p.put("introflow.sequences.eligibility.cool-down-days", String.valueOf(COOL_DOWN_DAYS));
		// no public-base-url during the nights: the scripted clients make their
		// introductions with the ask's mailto
		// button, which a page link replaces; `introflow serve --demo` makes the pages'
		// links when it starts
		return p;
	}

	/**
	 * The settings of {@code introflow serve --demo}: the demo's database and folders,
	 * its pages on this machine, no scheduler (the demo's nights are over; a scheduled
	 * night would run on today's date against them) and no mailbox (the demo's mail
	 * server lived only while the demo ran).
	 */
	public static Map<String, Object> serveProperties(Path output, int port) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("spring.datasource.url", "jdbc:h2:file:" + output.resolve("data").resolve("introflow").toAbsolutePath()
				+ ";WRITE_DELAY=0;AUTO_SERVER=TRUE");
		p.put("introflow.folders.inbox", output.resolve("inbox").toAbsolutePath().toString());
		p.put("introflow.folders.reports", output.resolve("reports").toAbsolutePath().toString());
		p.put("introflow.mail.reply-domain", REPLY_DOMAIN);
		p.put("introflow.inbound.source", "none");
		p.put("introflow.sequences.eligibility.cool-down-days", String.valueOf(COOL_DOWN_DAYS));
		p.put("introflow.sending.public-base-url", pagesBase(port).toString());
		p.put("introflow.schedule.enabled", "false");
		p.put("server.port", port);
		return p;
	}

	/** Whether a folder holds a demo's database (the demo has run there). */
	public static boolean hasRun(Path output) {
		return Files.exists(output.resolve("data").resolve("introflow.mv.db"));
	}

	/** Where {@code introflow serve --demo} answers. */
	public static URI pagesBase(int port) {
		return URI.create("http://localhost:" + port);
	}

	/**
	 * A few of the demo's pages to open in a browser, one per line: a referrer's
	 * introduction page and another referrer's one-click unsubscribe page (each made if
	 * the demo's emails have not made it yet), and the health.
	 */
	public static List<String> pageLinks(ApplicationContext context, URI base) {
		PublicLinks links = context.getBean(PublicLinks.class);
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		List<String> lines = new ArrayList<>();
		latestIntroduction(jdbc, "anna.berg@nordlicht-logistics.example").ifPresent(id -> lines
			.add("  " + links.url(base, id, PublicLinks.Purpose.INTRO_PAGE) + "   Anna Berg's introduction page"));
		latestIntroduction(jdbc, "david.kim@bluepeak-software.example").ifPresent(id -> lines
			.add("  " + links.url(base, id, PublicLinks.Purpose.UNSUBSCRIBE) + "   David Kim's unsubscribe page"));
		lines.add("  " + base + "/actuator/health   health (the database, the SMTP relay)");
		return lines;
	}

	private static Optional<Long> latestIntroduction(JdbcClient jdbc, String referrer) {
		return jdbc.sql("SELECT id FROM introduction WHERE referrer_email = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
			.param(referrer)
			.query(Long.class)
			.optional();
	}

	/**
	 * @return true when every outcome the demo promises was reached
	 */
	public boolean run(LocalDate start, int days) throws Exception {
		NightlyRunner runner = context.getBean(NightlyRunner.class);
		DemoClients clients = new DemoClients(mail.greenMail(), mail.smtpPort(), SCRIPT);
		for (int i = 0; i < days; i++) {
			LocalDate day = start.plusDays(i);
			NightlyRunner.Outcome outcome = runner.run(day);
			if (!outcome.completed()) {
				throw new IntroflowException("the nightly run for " + day + " failed:\n" + outcome.summary());
			}
			List<String> actions = clients.play(day);
			String report = outcome.summary()
				.lines()
				.takeWhile(l -> !l.startsWith("Funnel"))
				.map(l -> l + "\n")
				.reduce("", String::concat);
			if (actions.isEmpty() && quiet(report)) {
				out.println("=== Night " + (i + 1) + " of " + days + " (" + day + "): nothing due, nothing sent ===");
			}
			else {
				out.println("=== Night " + (i + 1) + " of " + days + " ===");
				out.print(report);
				actions.forEach(action -> out.println("  client: " + action));
			}
			out.flush();
		}
		Funnel funnel = context.getBean(Funnel.class);
		out.println();
		out.println("=== Introductions and their history ===");
		out.print(funnel.historiesText());
		out.println();
		out.print(funnel.funnelText());
		Path emails = writeEmails();
		out.println();
		out.println("Every email Introflow sent is in " + emails + " (open the .eml files with any mail program).");
		out.println("Reports and rejected rows are in " + output.resolve("reports") + ".");
		return checkOutcomes(funnel);
	}

	/** A night with no files, no replies, no plans and nothing sent. */
	private static boolean quiet(String report) {
		return report.contains(" 0 new messages") && report.contains(" 0 planned, 0 triggers refused")
				&& report.contains(" 0 sent,") && !report.contains("rows read") && !report.contains("applied");
	}

	private Path writeEmails() throws IOException {
		Path folder = output.resolve("emails");
		Files.createDirectories(folder);
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		List<Object[]> rows = jdbc.sql(
				"SELECT o.id, o.step_key, o.recipient, m.mime FROM outbound_email o JOIN outbound_mime m ON m.outbound_id = o.id WHERE o.state = 'SENT' ORDER BY o.id")
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4) })
			.list();
		for (Object[] row : rows) {
			String name = String.format("%03d-%s-%s.eml", (Long) row[0], row[1],
					((String) row[2]).replaceAll("[^a-zA-Z0-9.@-]", "_"));
			Files.write(folder.resolve(name), (byte[]) row[3]);
		}
		return folder;
	}

	private boolean checkOutcomes(Funnel funnel) {
		Map<IntroState, Integer> counts = funnel.countsByState();
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		int thanked = jdbc.sql("SELECT COUNT(*) FROM outbound_email WHERE step_key = 'thank-you' AND state = 'SENT'")
			.query(Integer.class)
			.single();
		int postponed = jdbc.sql("SELECT COUNT(*) FROM intro_event WHERE type = 'POSTPONED'")
			.query(Integer.class)
			.single();
		Map<String, Boolean> checks = new LinkedHashMap<>();
		checks.put("an introduction was made and thanked (INTRODUCED, thank-you sent)",
				counts.get(IntroState.INTRODUCED) > 0 && thanked > 0);
		checks.put("a client agreed (AGREED)", counts.get(IntroState.AGREED) > 0);
		checks.put("a client declined (DECLINED)", counts.get(IntroState.DECLINED) > 0);
		checks.put("an out-of-office reply postponed a step", postponed > 0);
		int refusedInCoolDown = jdbc
			.sql("SELECT COUNT(*) FROM intro_trigger WHERE status = 'REFUSED' AND "
					+ "status_reason LIKE '%cool-down%'")
			.query(Integer.class)
			.single();
		int askedTwice = jdbc
			.sql("SELECT COUNT(*) FROM (SELECT referrer_email FROM introduction WHERE asked_on IS NOT "
					+ "NULL GROUP BY referrer_email HAVING COUNT(*) > 1) twice")
			.query(Integer.class)
			.single();
		checks.put("a referrer was asked again after the " + COOL_DOWN_DAYS
				+ "-day cool-down (a trigger inside it was refused)", refusedInCoolDown > 0 && askedTwice > 0);
		int summaries = jdbc
			.sql("SELECT COUNT(*) FROM outbound_email WHERE step_key LIKE 'partner-summary-%' AND " + "state = 'SENT'")
			.query(Integer.class)
			.single();
		checks.put("a partner got the monthly partner summary", summaries > 0);
		out.println();
		out.println("Demo outcomes:");
		checks.forEach((what, ok) -> out.println("  [" + (ok ? "ok" : "MISSING") + "] " + what));
		out.flush();
		return checks.values().stream().allMatch(Boolean::booleanValue);
	}

}
