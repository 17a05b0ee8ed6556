package io.introflow.playbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;
import io.introflow.template.FlowedText;
import io.introflow.template.MailtoLink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playbook over a simulated calendar: 120 nightly runs (5 January to 4 May 2026)
 * through the CLI, with a real H2 database and GreenMail, and referrers who answer over
 * SMTP between nights as people do. Each test asserts one rule over what every referrer
 * received, and on which night.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaybookSimulationTests {

	static final LocalDate START = LocalDate.of(2026, 1, 5);

	static final int DAYS = 120;

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone,since,country
			silent@quiet.example,Sam Silent,Quiet Ltd,customer,maria.lopez@introflow.example,Maria Lopez,,en,Europe/London,2020-01-01,GB
			yes@agree.example,Yara Yes,Agree GmbH,customer,maria.lopez@introflow.example,Maria Lopez,,en,Europe/Berlin,2020-01-01,DE
			intro@quick.example,Ivy Intro,Quick Inc,customer,james.okafor@introflow.example,James Okafor,,en,America/New_York,2020-01-01,US
			no@decline.example,Nora No,Decline Ltd,customer,james.okafor@introflow.example,James Okafor,,en,Europe/London,2020-01-01,GB
			ask@question.example,Quinn Question,Question Ltd,customer,maria.lopez@introflow.example,Maria Lopez,,en,Europe/London,2020-01-01,GB
			stop@optout.example,Otto Out,Optout Ltd,customer,maria.lopez@introflow.example,Maria Lopez,,en,Europe/London,2020-01-01,GB
			gone@bounce.example,Bea Bounce,Bounce Ltd,customer,maria.lopez@introflow.example,Maria Lopez,,en,Europe/London,2020-01-01,GB
			away@ooo.example,Ada Away,Away GmbH,customer,maria.lopez@introflow.example,Maria Lopez,,en,Europe/Berlin,2020-01-01,DE
			maybe@stall.example,Max Maybe,Stall Ltd,customer,james.okafor@introflow.example,James Okafor,,en,Europe/London,2020-01-01,GB
			a1@paused.example,Alma One,Paused Co,customer,james.okafor@introflow.example,James Okafor,,en,Europe/London,2020-01-01,GB
			a2@paused.example,Arne Two,Paused Co,customer,james.okafor@introflow.example,James Okafor,,en,Europe/London,2020-01-01,GB
			partner@ally.example,Pia Partner,Ally Partners,partner,sofia.rossi@introflow.example,Sofia Rossi,,en,Europe/London,2020-01-01,GB
			newbie@fresh.example,Nico New,Fresh Ltd,customer,sofia.rossi@introflow.example,Sofia Rossi,,en,Europe/London,2025-12-26,GB
			""";

	private static final String TRIGGERS = """
			contact_email,type,occurred_at,prospect_name,prospect_email,prospect_company
			silent@quiet.example,nps_promoter,2026-01-02,,,
			yes@agree.example,go_live,2026-01-02,Paul Park,paul@prospect.example,Prospect Co
			intro@quick.example,praise,2026-01-02,Rita Ross,rita@riverside.example,Riverside
			no@decline.example,renewal,2026-01-02,,,
			ask@question.example,nps_promoter,2026-01-02,,,
			stop@optout.example,praise,2026-01-02,,,
			gone@bounce.example,praise,2026-01-02,,,
			away@ooo.example,go_live,2026-01-02,,,
			maybe@stall.example,nps_promoter,2026-01-02,,,
			a2@paused.example,nps_promoter,2026-01-02,,,
			partner@ally.example,manual,2026-01-02,Lena Lund,lena@lund.example,Lund AB
			newbie@fresh.example,praise,2026-01-02,,,
			""";

	/**
	 * Public holidays in the window, from the governments' own lists: the oracle the
	 * calendar is checked against.
	 */
	private static final Map<String, Set<LocalDate>> HOLIDAYS = Map.of("GB",
			Set.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 4)), "DE",
			Set.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 1)), "US",
			Set.of(LocalDate.of(2026, 1, 19), LocalDate.of(2026, 2, 16)));

	private static final Pattern MAILTO = Pattern.compile("mailto:[^\\s<>\"]+");

	private static final Pattern OUR_ID = Pattern
		.compile("<([a-z-]+?)(?:-\\d+)?(?:-\\d{4}-\\d{2})?\\.([a-z0-9]{20})@introflow\\.example>");

	@RegisterExtension
	static final TestInstallation app = new TestInstallation();

	/** Every email each referrer received from us, with the night it went out. */
	final Map<String, List<Received>> received = new LinkedHashMap<>();

	/**
	 * The night each referrer first answered a person's way, and the introduction they
	 * answered.
	 */
	final Map<String, Received> firstReply = new LinkedHashMap<>();

	/**
	 * The night an unsubscribe or a bounce was sent for a referrer (read on the next
	 * night).
	 */
	final Map<String, LocalDate> suppressedAfter = new LinkedHashMap<>();

	final List<String> nightFailures = new ArrayList<>();

	/**
	 * The two nudges of the customer sequence, in order: the first, and the last in its
	 * own words.
	 */
	private static final List<String> NUDGES = List.of("nudge", "last-nudge");

	record Received(LocalDate night, String step, String token, String subject, String text) {
	}

	@BeforeAll
	void simulate() throws Exception {
		Path config = app.home().resolve("batch-config/sequences.yml");
		// tighter limits than the defaults, so that 120 days show the cool-down and the
		// cap at work
		Files.writeString(config,
				Files.readString(config)
					.replace("cool-down-days: 60", "cool-down-days: 20")
					.replace("max-asks-per-year: 4", "max-asks-per-year: 2")
					.replace("every-days: 90", "every-days: 30"));
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
		app.inbox("partner-referrals.csv", """
				partner_email,prospect_name,prospect_company,date
				partner@ally.example,Ole Olsen,Fjord Energy,2026-01-12
				partner@ally.example,,Cedar Retail,2026-01-20
				partner@ally.example,Hana Ito,Jade Analytics,2026-02-09
				""");
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < DAYS; i++) {
			LocalDate night = START.plusDays(i);
			drop(night);
			Installation.Run run = app.run("run", "nightly", "--date=" + night);
			if (run.exitCode() != 0) {
				nightFailures.add(night + ": " + run.out() + run.err());
				break;
			}
			for (MimeMessage m : app.greenMail().getReceivedMessages()) {
				String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
				Matcher id = OUR_ID.matcher(String.valueOf(m.getMessageID()));
				if (id.matches() && seen.add(m.getMessageID() + to)) {
					Received r = new Received(night, id.group(1), id.group(2), m.getSubject(), text(m));
					received.computeIfAbsent(to, k -> new ArrayList<>()).add(r);
					answer(to, m, r, night);
				}
			}
		}
	}

	/**
	 * Files that arrive on given nights: an escalation, its resume, a trigger too soon,
	 * an outcome.
	 */
	private void drop(LocalDate night) throws Exception {
		if (night.equals(LocalDate.of(2026, 1, 6))) {
			app.inbox("triggers-escalation.csv", "contact_email,type,occurred_at,note\n"
					+ "a1@paused.example,escalation,2026-01-06,P1 ticket open\n");
		}
		if (night.equals(LocalDate.of(2026, 1, 15))) {
			app.inbox("triggers-during-pause.csv",
					"contact_email,type,occurred_at\n" + "a1@paused.example,praise,2026-01-15\n");
		}
		if (night.equals(LocalDate.of(2026, 2, 2))) {
			app.inbox("triggers-resume.csv",
					"contact_email,type,occurred_at,note\n" + "a1@paused.example,resume,2026-02-02,ticket closed\n");
		}
		if (night.equals(LocalDate.of(2026, 2, 16))) {
			String token = tokenOf("intro@quick.example");
			app.inbox("outcomes.csv", "token,outcome,date\n" + token + ",won,2026-02-13\n");
		}
		if (night.equals(LocalDate.of(2026, 3, 23))) {
			app.inbox("triggers-after-cap.csv",
					"contact_email,type,occurred_at\n" + "silent@quiet.example,manual,2026-03-23\n");
		}
	}

	/**
	 * What each referrer does with an email, as a person (or their mail program) would.
	 */
	private void answer(String who, MimeMessage m, Received r, LocalDate night) throws Exception {
		boolean ask = r.step().equals("ask");
		switch (who) {
			case "yes@agree.example", "maybe@stall.example" -> {
				if (ask && !firstReply.containsKey(who)) {
					reply(who, m, "Yes, happy to! Let me think about who fits best.");
					firstReply.put(who, r);
				}
				if (who.startsWith("yes") && r.step().equals("reminder")) {
					useTheIntro(who, m);
				}
			}
			case "intro@quick.example", "partner@ally.example" -> {
				if (ask && !firstReply.containsKey(who)) {
					useTheIntro(who, m);
					firstReply.put(who, r);
				}
			}
			case "no@decline.example" -> {
				if (ask && !firstReply.containsKey(who)) {
					reply(who, m, "No thanks, not right now.");
					firstReply.put(who, r);
				}
			}
			case "ask@question.example" -> {
				if (ask && !firstReply.containsKey(who)) {
					reply(who, m, "What kind of companies are you looking for, and in which region?");
					firstReply.put(who, r);
				}
			}
			case "stop@optout.example" -> {
				if (!suppressedAfter.containsKey(who)) {
					reply(who, m, "unsubscribe");
					suppressedAfter.put(who, night);
				}
			}
			case "gone@bounce.example" -> {
				if (!suppressedAfter.containsKey(who)) {
					bounce(who, m, r.token());
					suppressedAfter.put(who, night);
				}
			}
			case "away@ooo.example" -> {
				if (r.step().equals("value") && !firstReply.containsKey(who + "#away")) {
					MimeMessage auto = message(who, List.of(replyTo(m)), "Automatic reply: " + m.getSubject(),
							"I am out of the office until " + night.plusDays(14) + " with limited access to email.");
					auto.setHeader("Auto-Submitted", "auto-replied");
					auto.setHeader("In-Reply-To", m.getMessageID());
					Transport.send(auto);
					firstReply.put(who + "#away", new Received(night.plusDays(14), "ooo", r.token(), "", ""));
				}
			}
			default -> {
				// silent, the paused company and the newcomer never answer
			}
		}
	}

	@Test
	void everyNightRanToCompletion() {
		assertThat(nightFailures).isEmpty();
		assertThat(received).isNotEmpty();
	}

	@Test
	void noReferrerIsAskedMoreThanTheYearlyCapOrWithinTheCoolDown() throws Exception {
		for (Map.Entry<String, List<Received>> entry : received.entrySet()) {
			List<LocalDate> asks = entry.getValue()
				.stream()
				.filter(r -> r.step().equals("ask"))
				.map(Received::night)
				.toList();
			assertThat(asks).as(entry.getKey()).hasSizeLessThanOrEqualTo(2);
			for (int i = 1; i < asks.size(); i++) {
				assertThat(asks.get(i)).as(entry.getKey()).isAfterOrEqualTo(asks.get(i - 1).plusDays(20));
			}
		}
		// the silent referrer was asked again by the cadence after the cool-down, and
		// then the cap held
		assertThat(steps("silent@quiet.example", "ask")).hasSize(2);
		assertThat(app.query("SELECT status, status_reason FROM intro_trigger WHERE contact_email = ? AND type = ?",
				"silent@quiet.example", "manual"))
			.singleElement()
			.satisfies(row -> {
				assertThat(row.get("status")).isEqualTo("REFUSED");
				assertThat((String) row.get("status_reason")).contains("max-asks-per-year 2");
			});
		assertThat(app.query("SELECT type FROM intro_trigger WHERE contact_email = ? ORDER BY occurred_on",
				"silent@quiet.example"))
			.extracting(r -> r.get("type"))
			.contains("cadence");
	}

	@Test
	void nothingGoesToAnAddressAfterItUnsubscribedOrBounced() throws Exception {
		assertThat(suppressedAfter).containsOnlyKeys("stop@optout.example", "gone@bounce.example");
		suppressedAfter.forEach((who, night) -> assertThat(received.get(who)).as(who)
			.allSatisfy(r -> assertThat(r.night()).isBeforeOrEqualTo(night)));
		assertThat(received.get("stop@optout.example")).extracting(Received::step).containsExactly("value");
	}

	@Test
	void noNudgeFollowsAReply() throws Exception {
		for (Map.Entry<String, Received> reply : firstReply.entrySet()) {
			if (reply.getKey().contains("#")) {
				continue;
			}
			List<Received> nudgesAfter = received.get(reply.getKey())
				.stream()
				.filter(r -> r.token().equals(reply.getValue().token()) && NUDGES.contains(r.step())
						&& r.night().isAfter(reply.getValue().night()))
				.toList();
			assertThat(nudgesAfter).as(reply.getKey()).isEmpty();
		}
		// a question holds the sequence for the owner: no nudge, no reminder, no give-up
		Received question = firstReply.get("ask@question.example");
		assertThat(received.get("ask@question.example")).filteredOn(r -> r.token().equals(question.token()))
			.extracting(Received::step)
			.containsExactly("value", "ask");
		// a yes without an introduction gets one reminder, then the sequence gives up
		assertThat(steps("maybe@stall.example", "reminder")).hasSize(1);
		assertThat(steps("maybe@stall.example", "reminder").get(0))
			.isAfterOrEqualTo(firstReply.get("maybe@stall.example").night().plusDays(7));
		assertThat(app
			.query("SELECT state FROM introduction WHERE token = ?", firstReply.get("maybe@stall.example").token())
			.get(0)).containsEntry("state", "NO_RESPONSE");
		// silence gets two nudges per introduction, the first and the last in words of
		// their own, then the sequence
		// gives up
		Map<String, List<String>> nudges = new LinkedHashMap<>();
		received.get("silent@quiet.example")
			.stream()
			.filter(r -> NUDGES.contains(r.step()))
			.forEach(r -> nudges.computeIfAbsent(r.token(), t -> new java.util.ArrayList<>()).add(r.step()));
		assertThat(nudges.values()).containsExactly(NUDGES, NUDGES);
	}

	@Test
	void everyIntroductionIsThankedExactlyOnceByItsOwner() throws Exception {
		List<Map<String, Object>> made = app.query("""
				SELECT token, referrer_email, owner_email FROM introduction
				WHERE state IN ('INTRODUCED', 'ENGAGED', 'MEETING', 'WON', 'LOST')""");
		assertThat(made).extracting(r -> r.get("referrer_email"))
			.contains("yes@agree.example", "intro@quick.example", "partner@ally.example");
		for (Map<String, Object> intro : made) {
			List<Received> thanks = received.get((String) intro.get("referrer_email"))
				.stream()
				.filter(r -> r.step().equals("thank-you") && r.token().equals(intro.get("token")))
				.toList();
			assertThat(thanks).as("thank-you for %s", intro).hasSize(1);
		}
		assertThat(received.values().stream().flatMap(List::stream).filter(r -> r.step().equals("thank-you")))
			.hasSize(made.size());
		assertThat(app.query("SELECT DISTINCT sender FROM outbound_email o JOIN introduction i ON "
				+ "i.id = o.introduction_id WHERE o.step_key = 'thank-you' AND o.sender <> i.owner_email"))
			.isEmpty();
		// the won deal closed the loop, once, after the thank-you
		assertThat(received.get("intro@quick.example")).extracting(Received::step)
			.containsSubsequence("ask", "thank-you", "close-the-loop")
			.filteredOn("close-the-loop"::equals)
			.hasSize(1);
	}

	@Test
	void aPausedAccountGetsNothingUntilItIsResumed() throws Exception {
		LocalDate paused = LocalDate.of(2026, 1, 6);
		LocalDate resumed = LocalDate.of(2026, 2, 2);
		for (String who : List.of("a1@paused.example", "a2@paused.example")) {
			assertThat(received.getOrDefault(who, List.of())).as(who)
				.noneMatch(r -> !r.night().isBefore(paused) && r.night().isBefore(resumed));
		}
		// a2's value went out before the escalation; the ask waited for the resume
		assertThat(received.get("a2@paused.example")).extracting(Received::step).startsWith("value", "ask");
		assertThat(steps("a2@paused.example", "ask").get(0)).isAfterOrEqualTo(resumed);
		assertThat(app.query("SELECT status, status_reason FROM intro_trigger WHERE contact_email = ? AND type = ?",
				"a1@paused.example", "praise"))
			.singleElement()
			.satisfies(row -> {
				assertThat(row.get("status")).isEqualTo("REFUSED");
				assertThat((String) row.get("status_reason")).startsWith("account paused: escalation since 2026-01-06");
			});
	}

	@Test
	void sequenceEmailsGoOnlyOnTheRecipientsBusinessDays() {
		Map<String, String> country = new LinkedHashMap<>();
		CLIENTS.lines().skip(1).forEach(line -> country.put(line.split(",")[0], line.split(",")[10]));
		received.entrySet()
			.stream()
			.filter(e -> country.containsKey(e.getKey()))
			.forEach(e -> e.getValue().forEach(r -> {
				String who = e.getKey();
				assertThat(r.night().getDayOfWeek()).as("%s %s", who, r).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
				assertThat(HOLIDAYS.get(country.get(who))).as("%s %s", who, r).doesNotContain(r.night());
			}));
		// two holidays fell on the DE referrers' nudges' way: Good Friday and Easter
		// Monday
		assertThat(received.keySet()).contains("yes@agree.example", "away@ooo.example");
		// the out-of-office postponed the ask to the return date
		Received away = firstReply.get("away@ooo.example#away");
		assertThat(steps("away@ooo.example", "ask").get(0)).isAfterOrEqualTo(away.night());
	}

	@Test
	void aNewRelationshipWaitsAndIsThenAskedByTheCadence() throws Exception {
		assertThat(app.query("SELECT status, status_reason FROM intro_trigger WHERE contact_email = ? AND type = ?",
				"newbie@fresh.example", "praise"))
			.singleElement()
			.satisfies(row -> {
				assertThat(row.get("status")).isEqualTo("REFUSED");
				assertThat((String) row.get("status_reason")).contains("relationship began on 2025-12-26");
			});
		assertThat(steps("newbie@fresh.example", "ask")).isNotEmpty()
			.allSatisfy(day -> assertThat(day).isAfter(LocalDate.of(2026, 2, 3)));
		assertThat(app.query("SELECT type FROM intro_trigger WHERE contact_email = ? AND status = 'PLANNED'",
				"newbie@fresh.example"))
			.extracting(r -> r.get("type"))
			.containsOnly("cadence");
	}

	@Test
	void partnersGetAMonthlySummaryOfIntroductionsBothWays() {
		List<Received> summaries = received.get("partner@ally.example")
			.stream()
			.filter(r -> r.step().equals("partner-summary"))
			.toList();
		assertThat(summaries).extracting(Received::night)
			.containsExactly(LocalDate.of(2026, 2, 2), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 1),
					LocalDate.of(2026, 5, 1));
		assertThat(summaries.get(0).subject()).startsWith("January 2026");
		assertThat(summaries.get(0).text()).contains("Introductions you made for us: 1", "Lena Lund (Lund AB)",
				"Introductions we made for you: 2", "Ole Olsen at Fjord Energy", "Cedar Retail",
				"So far this year: you made 1, we made 2");
		assertThat(summaries.get(1).text()).contains("Introductions you made for us: 0",
				"Introductions we made for you: 1", "Hana Ito at Jade Analytics", "you made 1, we made 3");
		// customers never get one
		assertThat(received.values().stream().flatMap(List::stream).filter(r -> r.step().equals("partner-summary")))
			.hasSize(summaries.size());
	}

	@Test
	void statusShowsAReferrersTimelineWithRefusalsAndEligibility() throws Exception {
		Installation.Run status = app.run("status", "--contact=silent@quiet.example", "--date=2026-05-04");

		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(status.out()).contains("silent@quiet.example", "asks in the last 365 days: 2 of 2", "refused",
				"max-asks-per-year", "cadence", "no response");
	}

	private List<LocalDate> steps(String who, String step) {
		return received.getOrDefault(who, List.of())
			.stream()
			.filter(r -> r.step().equals(step))
			.map(Received::night)
			.toList();
	}

	private String tokenOf(String referrer) throws Exception {
		return (String) app.query("SELECT token FROM introduction WHERE referrer_email = ? ORDER BY id", referrer)
			.get(0)
			.get("token");
	}

	private void reply(String from, MimeMessage to, String text) throws MessagingException {
		MimeMessage reply = message(from, List.of(replyTo(to)), "Re: " + to.getSubject(), text);
		reply.setHeader("In-Reply-To", to.getMessageID());
		reply.setHeader("References", to.getMessageID());
		Transport.send(reply);
	}

	private void useTheIntro(String from, MimeMessage ask) throws Exception {
		Matcher link = MAILTO.matcher(part(ask, "text/html"));
		assertThat(link.find()).as("mailto link in %s", ask.getMessageID()).isTrue();
		MailtoLink.Parts intro = MailtoLink.parse(link.group().replace("&amp;", "&"));
		MimeMessage m = message(from, intro.to(), intro.subject(), intro.body());
		for (String cc : intro.cc()) {
			m.addRecipient(Message.RecipientType.CC, new InternetAddress(cc));
		}
		Transport.send(m);
	}

	/**
	 * A delivery status notification, as the recipient's server sends it to our VERP
	 * bounce address.
	 */
	private void bounce(String who, MimeMessage original, String token) throws Exception {
		String dsn = "From: MAILER-DAEMON@mx.bounce.example\r\nTo: bounce+" + token + "@" + Installation.REPLY_DOMAIN
				+ "\r\nSubject: Undelivered Mail Returned to Sender\r\n" + "Message-ID: <dsn-" + token
				+ "@mx.bounce.example>\r\nAuto-Submitted: auto-replied\r\n"
				+ "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
				+ "--b\r\nContent-Type: text/plain\r\n\r\n<" + who + ">: User unknown\r\n"
				+ "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.bounce.example\r\n\r\n"
				+ "Final-Recipient: rfc822; " + who + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
				+ "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
				+ "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: " + original.getMessageID() + "\r\nTo: "
				+ who + "\r\n\r\n--b--\r\n";
		MimeMessage m = new MimeMessage(session(),
				new java.io.ByteArrayInputStream(dsn.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
		// sent as it is: Transport.send would rewrite its headers
		try (Transport smtp = session().getTransport("smtp")) {
			smtp.connect();
			smtp.sendMessage(m,
					new InternetAddress[] { new InternetAddress("bounce+" + token + "@" + Installation.REPLY_DOMAIN) });
		}
	}

	private MimeMessage message(String from, List<String> to, String subject, String text) throws MessagingException {
		MimeMessage m = new MimeMessage(session());
		m.setFrom(new InternetAddress(from));
		for (String address : to) {
			m.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
		}
		m.setSubject(subject, "UTF-8");
		m.setText(text, "UTF-8");
		return m;
	}

	private Session session() {
		Properties p = new Properties();
		p.put("mail.smtp.host", "127.0.0.1");
		p.put("mail.smtp.port", String.valueOf(app.mail().smtpPort()));
		return Session.getInstance(p);
	}

	private static String replyTo(MimeMessage m) throws MessagingException {
		return ((InternetAddress) m.getReplyTo()[0]).getAddress();
	}

	/**
	 * The text part as a reader sees it: format=flowed lines joined back into paragraphs.
	 */
	private static String text(MimeMessage m) throws Exception {
		return FlowedText.decode(part(m, "text/plain"));
	}

	private static String part(MimeMessage m, String type) throws Exception {
		Object content = m.getContent();
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				if (part.isMimeType(type)) {
					return String.valueOf(part.getContent());
				}
				if (part.getContent() instanceof Multipart inner) {
					for (int j = 0; j < inner.getCount(); j++) {
						if (inner.getBodyPart(j).isMimeType(type)) {
							return String.valueOf(inner.getBodyPart(j).getContent());
						}
					}
				}
			}
		}
		return String.valueOf(content);
	}

}
