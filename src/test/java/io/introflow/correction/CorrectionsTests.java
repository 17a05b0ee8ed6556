package io.introflow.correction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owners correcting Introflow through the CLI, with a real H2 database and GreenMail: six
 * referrers are asked on 7 January 2026, corrected on the 8th (by {@code intro set},
 * {@code intro release} and {@code replies reclassify}), and the nights of the 14th (when
 * a nudge would be due) and the 19th (when a reminder would be due) run. Each test
 * asserts what one correction did, in the database and in the referrers' mailboxes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrectionsTests {

	private static final LocalDate ASKED_ON = LocalDate.of(2026, 1, 7);

	private static final LocalDate CORRECTED_ON = LocalDate.of(2026, 1, 8);

	private static final LocalDate NUDGE_NIGHT = LocalDate.of(2026, 1, 14);

	private static final LocalDate REMINDER_NIGHT = LocalDate.of(2026, 1, 19);

	private static final String OWNER = "maria.lopez@introflow.example";

	private static final List<String> REFERRERS = List.of("phone@yes.example", "cancel@gone.example",
			"stopped@out.example", "held@question.example", "misread@no.example", "actually@no.example");

	@RegisterExtension
	static final TestInstallation app = new TestInstallation();

	Installation.Run setAgreed;

	Installation.Run setCancelled;

	Installation.Run setSuppressed;

	Installation.Run released;

	Installation.Run reclassifiedAgreed;

	Installation.Run reclassifiedDeclined;

	@BeforeAll
	void correctAndRunTheNextNights() throws Exception {
		StringBuilder clients = new StringBuilder(
				"email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone,since,country\n");
		StringBuilder triggers = new StringBuilder("contact_email,type,occurred_at\n");
		for (String who : REFERRERS) {
			clients.append(who)
				.append(",Ref ")
				.append(who.charAt(0))
				.append(",Co ")
				.append(who, who.indexOf('@') + 1, who.length())
				.append(",customer,")
				.append(OWNER)
				.append(",Maria Lopez,,en,Europe/London,2020-01-01,GB\n");
			triggers.append(who).append(",praise,2026-01-02\n");
		}
		app.inbox("clients.csv", clients.toString());
		app.inbox("triggers.csv", triggers.toString());
		night(LocalDate.of(2026, 1, 5));
		night(ASKED_ON);
		assertThat(app.query("SELECT state FROM introduction")).extracting(r -> r.get("state")).containsOnly("ASKED");

		// replies read on the 8th: two questions (one gets released, one reclassified)
		// and a no that was a yes
		Path replies = Files.createDirectories(app.home().resolve("replies"));
		reply(replies, "held@question.example", "What kind of companies are you looking for, and in which region?");
		reply(replies, "misread@no.example", "No thanks, not right now.");
		reply(replies, "actually@no.example", "What kind of companies are you looking for, and in which region?");
		Installation.Run read = app.run("replies", "--from-folder=" + replies, "--date=" + CORRECTED_ON);
		assertThat(read.exitCode()).as(read.err()).isZero();
		assertThat(read.out()).contains("3 new messages stored");
		app.execute("INSERT INTO suppression (email, reason, source, created_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)",
				"stopped@out.example", "unsubscribed", "test");

		setAgreed = app.run("intro", "set", token("phone@yes.example"), "agreed", "--note=said yes on the phone",
				"--by=maria", "--date=" + CORRECTED_ON);
		setCancelled = app.run("intro", "set", token("cancel@gone.example"), "CANCELLED", "--date=" + CORRECTED_ON);
		setSuppressed = app.run("intro", "set", token("stopped@out.example"), "AGREED", "--date=" + CORRECTED_ON);
		released = app.run("intro", "release", token("held@question.example"), "--date=" + CORRECTED_ON);
		reclassifiedAgreed = app.run("replies", "reclassify", String.valueOf(inboundFrom("misread@no.example")),
				"AGREED", "--note=she meant not right now, but yes", "--date=" + CORRECTED_ON);
		reclassifiedDeclined = app.run("replies", "reclassify", String.valueOf(inboundFrom("actually@no.example")),
				"DECLINED", "--date=" + CORRECTED_ON);

		night(NUDGE_NIGHT);
		night(REMINDER_NIGHT);
	}

	@Test
	void setReachesAStateTheTableForbidsAndRecordsTheCorrectionWithItsNote() throws Exception {
		// a closed introduction never moves by the table; a person may reopen it
		Installation.Run reopen = app.run("intro", "set", token("cancel@gone.example"), "ASKED", "--note=reopened",
				"--by=maria", "--date=2026-01-20");

		assertThat(reopen.exitCode()).as(reopen.err()).isZero();
		assertThat(reopen.out()).contains("CANCELLED -> ASKED", "next step: nudge on");
		assertThat(events("cancel@gone.example", "CORRECTED"))
			.extracting(
					e -> e.get("from_state") + ">" + e.get("to_state") + " " + e.get("cause") + " " + e.get("detail"))
			.endsWith("CANCELLED>ASKED correction:maria reopened");
		assertThat(setAgreed.exitCode()).as(setAgreed.err()).isZero();
		assertThat(setAgreed.out()).contains("ASKED -> AGREED", "next step: reminder on " + REMINDER_NIGHT);
		assertThat(events("phone@yes.example", "CORRECTED")).singleElement()
			.satisfies(e -> assertThat(e).containsEntry("from_state", "ASKED")
				.containsEntry("to_state", "AGREED")
				.containsEntry("cause", "correction:maria")
				.containsEntry("detail", "said yes on the phone"));
	}

	@Test
	void theNextNightsFollowTheCorrectedState() throws Exception {
		// set to AGREED: the reminder, never the nudge
		assertThat(steps("phone@yes.example")).containsExactly("value", "ask", "reminder");
		assertThat(mail("phone@yes.example")).hasSize(3);
		// set to CANCELLED: nothing more
		assertThat(steps("cancel@gone.example")).containsExactly("value", "ask");
		assertThat(mail("cancel@gone.example")).hasSize(2);
		assertThat(setCancelled.out()).contains("ASKED -> CANCELLED", "next step: none (nothing more is sent)");
	}

	@Test
	void aSuppressedReferrerStaysSuppressedWhateverTheState() throws Exception {
		assertThat(setSuppressed.exitCode()).as(setSuppressed.err()).isZero();
		assertThat(setSuppressed.out()).contains("ASKED -> AGREED", "stopped@out.example stays suppressed");
		assertThat(app.count("SELECT COUNT(*) FROM suppression WHERE email = ?", "stopped@out.example")).isOne();
		// the next night closed it as the suppression says, whatever the correction said
		assertThat(state("stopped@out.example")).isEqualTo("OPTED_OUT");
		assertThat(mail("stopped@out.example")).hasSize(2);
		assertThat(steps("stopped@out.example")).containsExactly("value", "ask");
	}

	@Test
	void releaseLiftsTheHoldAndTheHeldStepGoesOutOnItsNight() throws Exception {
		assertThat(released.exitCode()).as(released.err()).isZero();
		assertThat(released.out()).contains("ASKED (state unchanged)", "next step: nudge on " + NUDGE_NIGHT);
		assertThat(app.query("SELECT hold_reason, held_until FROM introduction WHERE referrer_email = ?",
				"held@question.example"))
			.singleElement()
			.satisfies(row -> assertThat(row.values()).containsOnlyNulls());
		assertThat(events("held@question.example", "RELEASED")).singleElement()
			.satisfies(e -> assertThat((String) e.get("detail")).startsWith("hold lifted: reply inbound:"));
		assertThat(steps("held@question.example")).startsWith("value", "ask", "nudge");
		assertThat(mail("held@question.example")).extracting(m -> m.getMessageID())
			.anyMatch(id -> id.startsWith("<nudge"));
		// the other question was not released: it is still held (until its
		// reclassification below)
	}

	@Test
	void reclassifyingMovesTheStateAndRecordsTheEvent() throws Exception {
		assertThat(reclassifiedAgreed.exitCode()).as(reclassifiedAgreed.err()).isZero();
		assertThat(reclassifiedAgreed.out()).contains("DECLINED -> AGREED", "next step: reminder on " + REMINDER_NIGHT);
		assertThat(state("misread@no.example")).isEqualTo("AGREED");
		assertThat(app.query("SELECT classification, evidence FROM inbound_message WHERE sender = ?",
				"misread@no.example"))
			.singleElement()
			.satisfies(row -> {
				assertThat(row.get("classification")).isEqualTo("AGREED");
				assertThat((String) row.get("evidence")).contains("reclassified from DECLINED to AGREED",
						"she meant not right now, but yes");
			});
		assertThat(events("misread@no.example", "RECLASSIFIED")).singleElement()
			.satisfies(e -> assertThat((String) e.get("detail")).contains("from DECLINED to AGREED"));
		assertThat(steps("misread@no.example")).containsExactly("value", "ask", "reminder");

		// a question read as a decline: the hold it placed goes, and nothing more is sent
		assertThat(reclassifiedDeclined.exitCode()).as(reclassifiedDeclined.err()).isZero();
		assertThat(reclassifiedDeclined.out()).contains("QUESTION -> DECLINED", "ASKED -> DECLINED", "next step: none");
		assertThat(state("actually@no.example")).isEqualTo("DECLINED");
		assertThat(steps("actually@no.example")).containsExactly("value", "ask");
	}

	@Test
	void badArgumentsExitTwoNamingTheValueAndTheAllowedOnes() throws Exception {
		Installation.Run noToken = app.run("intro", "set", "nosuchtoken", "AGREED");
		Installation.Run noState = app.run("intro", "set", token("phone@yes.example"), "MAYBE");
		Installation.Run noMessage = app.run("replies", "reclassify", "99999", "AGREED");
		Installation.Run noClass = app.run("replies", "reclassify", "1", "BOUNCE");
		Installation.Run sameClass = app.run("replies", "reclassify", String.valueOf(inboundFrom("misread@no.example")),
				"AGREED");

		assertThat(List.of(noToken, noState, noMessage, noClass, sameClass)).extracting(Installation.Run::exitCode)
			.containsOnly(2);
		assertThat(noToken.err()).contains("nosuchtoken");
		assertThat(noState.err()).contains("'MAYBE'", "AGREED", "CANCELLED");
		assertThat(noMessage.err()).contains("99999");
		assertThat(noClass.err()).contains("'BOUNCE'", "AGREED", "QUESTION");
		assertThat(sameClass.err()).contains("already read as AGREED");
		assertThat(state("phone@yes.example")).isEqualTo("AGREED");
	}

	@Test
	void eachCommandExplainsItself() {
		Installation.Run set = app.run("intro", "set", "--help");
		Installation.Run reclassify = app.run("replies", "reclassify", "--help");

		assertThat(set.exitCode()).isZero();
		assertThat(set.out()).contains("CORRECTED", "STATE is one of");
		assertThat(reclassify.out()).contains("RECLASSIFIED", "CLASS is one");
	}

	private void night(LocalDate day) {
		Installation.Run run = app.run("run", "nightly", "--date=" + day);
		assertThat(run.exitCode()).as(day + ": " + run.out() + run.err()).isZero();
	}

	private void reply(Path folder, String from, String text) throws Exception {
		String token = token(from);
		Files.writeString(folder.resolve(from.substring(0, from.indexOf('@')) + ".eml"), """
				From: %s
				To: reply+%s@%s
				Subject: Re: a quick favour
				Date: Thu, 8 Jan 2026 09:00:00 +0000
				Message-ID: <%s@client.example>
				Content-Type: text/plain; charset=UTF-8

				%s
				""".formatted(from, token, Installation.REPLY_DOMAIN, token, text).replace("\n", "\r\n"));
	}

	private String token(String referrer) throws Exception {
		return (String) app.query("SELECT token FROM introduction WHERE referrer_email = ?", referrer)
			.get(0)
			.get("token");
	}

	private long inboundFrom(String sender) throws Exception {
		return ((Number) app.query("SELECT id FROM inbound_message WHERE sender = ?", sender).get(0).get("id"))
			.longValue();
	}

	private String state(String referrer) throws Exception {
		return (String) app.query("SELECT state FROM introduction WHERE referrer_email = ?", referrer)
			.get(0)
			.get("state");
	}

	private List<Map<String, Object>> events(String referrer, String type) throws Exception {
		return app
			.query("""
					SELECT e.from_state, e.to_state, e.cause, e.detail FROM intro_event e
					JOIN introduction i ON i.id = e.introduction_id WHERE i.referrer_email = ? AND e.type = ? ORDER BY e.id""",
					referrer, type);
	}

	/**
	 * The steps of the referrer's sequence that went out (forwards of their replies to
	 * the owner are not).
	 */
	private List<String> steps(String referrer) throws Exception {
		return app.query("""
				SELECT o.step_key FROM outbound_email o JOIN introduction i ON i.id = o.introduction_id
				WHERE i.referrer_email = ? AND o.step_key NOT LIKE 'forward%' ORDER BY o.id""", referrer)
			.stream()
			.map(r -> (String) r.get("step_key"))
			.toList();
	}

	private List<MimeMessage> mail(String referrer) {
		return app.inboxOf(referrer);
	}

}
