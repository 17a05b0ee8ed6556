package io.introflow.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.introflow.intro.EmailPreview;
import io.introflow.outbound.MimeComposer;
import io.introflow.outbound.OutboxRelay;
import io.introflow.outbound.OutgoingEmail;

/**
 * Queues many copies of a real {@code ask} email (the shipped template with sample
 * people, each with its own Message-ID and recipient) straight into a fresh database,
 * then times the outbox relay alone.
 */
public final class SendBenchmark {

	private final ApplicationContext context;

	public SendBenchmark(ApplicationContext context) {
		this.context = context;
	}

	/** What the timed relay did. */
	public record Result(int sent, Duration elapsed, String summary) {

		public long perSecond() {
			return Math.round(sent / Math.max(0.001, elapsed.toNanos() / 1e9));
		}

	}

	/**
	 * @return the size in bytes of one message
	 */
	public long queue(int messages) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		MimeComposer composer = context.getBean(MimeComposer.class);
		OutgoingEmail ask = context.getBean(EmailPreview.class)
			.render(new EmailPreview.Options("ask", "customer", "a", "en", "direct", null, true));
		OffsetDateTime now = OffsetDateTime.now();
		long size = 0;
		for (int from = 0; from < messages; from += 1000) {
			int to = Math.min(messages, from + 1000);
			List<Object[]> intros = new ArrayList<>();
			for (int i = from; i < to; i++) {
				intros.add(new Object[] { token(i), "referrer" + i + "@clients.example", ask.fromAddress(),
						ask.fromName(), "customer", "a", "ASKED", LocalDate.now(), now });
			}
			jdbc.batchUpdate("""
					INSERT INTO introduction (token, referrer_email, owner_email, owner_name, segment, variant, state,
					  created_on, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", intros);
			List<Object[]> rows = new ArrayList<>();
			for (int i = from; i < to; i++) {
				String recipient = "referrer" + i + "@clients.example";
				OutgoingEmail email = new OutgoingEmail("ask." + token(i) + "@introflow.example", ask.fromAddress(),
						ask.fromName(), recipient, "Referrer " + i, ask.replyTo(), ask.subject(), ask.text(),
						ask.html(), ask.listUnsubscribe())
					.withOneClickUnsubscribe(ask.oneClickUnsubscribe());
				byte[] mime = composer.compose(email);
				size = mime.length;
				rows.add(new Object[] { token(i), "ask", email.messageId(), recipient, email.fromAddress(),
						email.subject(), mime, now });
			}
			jdbc.batchUpdate("""
					INSERT INTO outbound_email (introduction_id, step_key, message_id, recipient, sender, subject,
					  state, attempts, created_at)
					SELECT id, ?, ?, ?, ?, ?, 'QUEUED', 0, ? FROM introduction WHERE token = ?""",
					rows.stream().map(r -> new Object[] { r[1], r[2], r[3], r[4], r[5], r[7], r[0] }).toList());
			jdbc.batchUpdate("""
					INSERT INTO outbound_mime (outbound_id, mime)
					SELECT id, ? FROM outbound_email WHERE message_id = ?""",
					rows.stream().map(r -> new Object[] { r[6], r[2] }).toList());
		}
		return size;
	}

	public Result relay() {
		long started = System.nanoTime();
		OutboxRelay.Result result = context.getBean(OutboxRelay.class).relay();
		return new Result(result.sent(), Duration.ofNanos(System.nanoTime() - started), result.toString());
	}

	private static String token(int i) {
		return String.format("bench%015d", i);
	}

}
