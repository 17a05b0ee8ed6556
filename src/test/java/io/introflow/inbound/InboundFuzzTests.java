package io.introflow.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.introflow.Installation;
import io.introflow.IntroflowApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated MIME (random nesting, boundaries, headers, charsets and encodings, then
 * truncated, stripped of CR or salted with garbage bytes) goes through the store and the
 * interpretation of a real installation on H2: nothing escapes, nothing hangs, and every
 * message ends stored and either classified or {@code UNREADABLE} with a reason. Bounded:
 * a fixed number of tries, and none started after {@link #BUDGET_NANOS}.
 */
class InboundFuzzTests {

	private static final long BUDGET_NANOS = 12_000_000_000L;

	private static Path home;

	private static ConfigurableApplicationContext context;

	private static long started;

	@BeforeContainer
	static void start() throws IOException {
		home = Files.createTempDirectory("introflow-fuzz");
		new Installation(home, null);
		context = new SpringApplicationBuilder(IntroflowApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run("--introflow.home=" + home, "--introflow.inbound.limits.time-per-message=2s",
					"--logging.level.io.introflow.inbound=ERROR");
		context.getBean(JdbcClient.class).sql("""
				INSERT INTO introduction (token, referrer_email, owner_email, owner_name, segment, variant, state,
				  created_on, updated_at, intro_form)
				VALUES ('t1ann', 'ann@acme.example', 'mia@introflow.example', 'Mia Rep', 'customer', 'a', 'ASKED',
				  DATE '2026-11-10', CURRENT_TIMESTAMP, 'direct')""").update();
		started = System.nanoTime();
	}

	@AfterContainer
	static void stop() throws IOException {
		if (context != null) {
			context.close();
		}
		try (Stream<Path> files = Files.walk(home)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}

	@Property(tries = 250, maxDiscardRatio = 100)
	void everyMessageIsStoredAndEitherClassifiedOrUnreadableWithAReason(@ForAll("mime") String mime,
			@ForAll @IntRange(min = 0, max = 120) int keepPercent, @ForAll boolean bareLf,
			@ForAll @Size(max = 40) byte[] garbage, @ForAll @IntRange(min = 0, max = 100) int garbageAt)
			throws IOException {
		Assume.that(System.nanoTime() - started < BUDGET_NANOS);
		byte[] raw = mutate(mime, keepPercent, bareLf, garbage, garbageAt);
		Path file = Files.write(home.resolve("fuzz.eml"), raw);
		String key;
		try (InputStream in = Files.newInputStream(file)) {
			key = TraceFreeDigest.of(in).key();
		}

		context.getBean(InboundStore.class).store(file, "fuzz");
		context.getBean(ReplyProcessor.class).processStored(LocalDate.of(2026, 11, 20));

		List<Map<String, Object>> rows = context.getBean(JdbcClient.class)
			.sql("SELECT classification, evidence, processed_at FROM inbound_message WHERE message_key = ?")
			.param(key)
			.query()
			.listOfRows();
		assertThat(rows).hasSize(1);
		Map<String, Object> row = rows.get(0);
		assertThat(row.get("processed_at")).isNotNull();
		assertThat(row.get("classification")).isNotNull();
		if ("UNREADABLE".equals(row.get("classification"))) {
			assertThat((String) row.get("evidence")).isNotBlank();
		}
	}

	private static byte[] mutate(String mime, int keepPercent, boolean bareLf, byte[] garbage, int garbageAt) {
		byte[] bytes = (bareLf ? mime.replace("\r\n", "\n") : mime).getBytes(StandardCharsets.UTF_8);
		int keep = Math.min(bytes.length, (int) ((long) bytes.length * keepPercent / 100));
		int at = keep * garbageAt / 100;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(bytes, 0, at);
		out.write(garbage, 0, garbage.length);
		out.write(bytes, at, keep - at);
		return out.toByteArray();
	}

	@Provide
	Arbitrary<String> mime() {
		return Arbitraries.randoms().map(random -> new MimeFuzz(random).message());
	}

	/**
	 * Writes one random message: headers a mail program or a hostile sender might write,
	 * and a random part tree.
	 */
	static final class MimeFuzz {

		private static final List<String> FROM = List.of("Ann Archer <ann@acme.example>", "mailer-daemon@mx.example",
				"=?utf-8?b?QW5u?= <ann@acme.example>", "<>", "no address at all", "\"Broken <x@y", "ann@acme.example");

		private static final List<String> TO = List.of("reply+t1ann@reply.introflow.example",
				"intro+t1ann@reply.introflow.example", "unsubscribe+t1ann@reply.introflow.example",
				"someone@elsewhere.example", "", "undisclosed-recipients:;");

		private static final List<String> SUBJECT = List.of("Re: Anyone who could use our help?", "Out of office",
				"Undelivered Mail Returned to Sender", "=?utf-8?q?Gr=C3=BC=C3=9Fe?=", "=?x-unknown?b?////?=",
				"Grüße aus München", "", "Re: " + "long ".repeat(300));

		private static final List<String> CHARSET = List.of("utf-8", "iso-8859-1", "x-unknown", "\"\"", "utf-16",
				"windows-1252; format=flowed");

		private static final List<String> BODY = List.of("Yes, happy to help.", "No thanks.", "What kind of companies?",
				"I am out of the office until 7 December.", "<p>Yes <b>please</b></p>",
				"Grüße\r\n> quoted\r\nOn Tue, Ann wrote:", "unsubscribe", "=E4=\r\n=ZZ", "////====");

		private final Random random;

		private int boundaries;

		MimeFuzz(Random random) {
			this.random = random;
		}

		private String pick(List<String> values) {
			return values.get(random.nextInt(values.size()));
		}

		String message() {
			StringBuilder mail = new StringBuilder();
			if (random.nextInt(4) == 0) {
				mail.append("Received: from relay")
					.append(random.nextInt(3))
					.append(" by mx;\r\n\tFri, 20 Nov 2026\r\n");
			}
			mail.append("From: ").append(pick(FROM)).append("\r\n");
			mail.append("To: ").append(pick(TO)).append("\r\n");
			mail.append("Subject: ").append(pick(SUBJECT)).append("\r\n");
			if (random.nextBoolean()) {
				mail.append("Message-ID: ")
					.append(pick(List.of("<a@b>", "<>", "plain", "<x@y> <z@w>", "<n\u0000ul@x>")))
					.append("\r\n");
			}
			if (random.nextInt(6) == 0) {
				mail.append("Auto-Submitted: auto-replied\r\n");
			}
			if (random.nextInt(8) == 0) {
				mail.append("X-Long: ").append("x".repeat(random.nextInt(5000))).append("\r\n");
			}
			mail.append("MIME-Version: 1.0\r\n");
			boolean onion = random.nextInt(10) == 0; // one part in another, deeper than
														// the limit
			part(mail, onion ? 30 : random.nextInt(5), onion);
			return mail.toString();
		}

		/**
		 * Content-Type and the rest of a part (its headers after the ones already
		 * written).
		 */
		private void part(StringBuilder mail, int depth, boolean onion) {
			int kind = (depth == 0) ? random.nextInt(4) : 4 + random.nextInt(3);
			switch (kind) {
				case 0 -> mail.append("Content-Type: text/plain; charset=")
					.append(pick(CHARSET))
					.append("\r\nContent-Transfer-Encoding: ")
					.append(pick(List.of("8bit", "quoted-printable", "base64", "x-uuencode", "7bit")))
					.append("\r\n\r\n")
					.append(pick(BODY))
					.append("\r\n");
				case 1 -> mail.append("Content-Type: text/html; charset=")
					.append(pick(CHARSET))
					.append("\r\n\r\n")
					.append("<div>".repeat(random.nextInt(50)))
					.append(pick(BODY))
					.append("\r\n");
				case 2 -> mail.append("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n")
					.append("Content-Disposition: attachment; filename=\"a.bin\"\r\n\r\n")
					.append("QUJD".repeat(random.nextInt(400)))
					.append("\r\n");
				case 3 -> mail
					.append("Content-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; ann@acme.example\r\n"
							+ "Action: failed\r\nStatus: 5.1.1\r\n");
				default -> multipart(mail, depth, onion, kind == 6 ? "report; report-type=delivery-status"
						: pick(List.of("mixed", "alternative", "related", "digest")));
			}
		}

		private void multipart(StringBuilder mail, int depth, boolean onion, String subtype) {
			String boundary = pick(List.of("b", "=_part_", "simple boundary", "\"quoted\"", "")) + (boundaries++);
			mail.append("Content-Type: multipart/")
				.append(subtype)
				.append("; boundary=\"")
				.append(boundary)
				.append("\"\r\n\r\npreamble\r\n");
			int parts = onion ? 1 : random.nextInt(4);
			for (int i = 0; i < parts; i++) {
				mail.append("--").append(boundary).append("\r\n");
				part(mail, depth - 1, onion);
			}
			if (random.nextInt(5) != 0) {
				mail.append("--").append(boundary).append("--\r\n");
			}
		}

	}

}
