package io.introflow.inbound;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.Tx;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.IntroState;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;
import io.introflow.outbound.SendRefusals;

/**
 * One rule for every failure to deliver, whether read from the mailbox later or refused
 * by the server at send time: by its {@link BounceReason}, a hard one suppresses the
 * address ({@code hard_bounce}) and ends the introduction when it is the referrer's; a
 * soft one is recorded, and {@link ReplyPhrases.SoftBounce#count() count} of them within
 * {@link ReplyPhrases.SoftBounce#days() days} suppress the address
 * ({@code soft_bounces}). Every one is an event on the introduction.
 */
@Component
class BounceRecorder implements SendRefusals {

	/** An enhanced status code in a server's reply ({@code 5.1.1}). */
	private static final Pattern STATUS = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

	private final JdbcClient jdbc;

	private final ContactRepository contacts;

	private final IntroductionRepository introductions;

	private final IntroEvents events;

	private final ReplyPhrases.SoftBounce rule;

	private final Tx tx;

	BounceRecorder(JdbcClient jdbc, ContactRepository contacts, IntroductionRepository introductions,
			IntroEvents events, ReplyPhrases phrases, Tx tx) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.introductions = introductions;
		this.events = events;
		this.rule = phrases.softBounce();
		this.tx = tx;
	}

	@Override
	public boolean refused(Refusal refusal) {
		return tx.inNew(() -> {
			Matcher status = STATUS.matcher(refusal.text());
			BounceReason reason = BounceReason.of(status.find() ? status.group(1) : String.valueOf(refusal.code()),
					refusal.text());
			String cause = "outbound:" + refusal.outboundId();
			String evidence = "refused at send time (" + reason.label() + ", " + (reason.hard() ? "hard" : "soft")
					+ "): " + refusal.text();
			Optional<Introduction> intro = introductions.findById(refusal.introductionId());
			if (reason.hard()) {
				contacts.suppress(refusal.recipient(), "hard_bounce", truncate(cause + " " + refusal.text(), 400));
				intro.ifPresent(i -> hard(i, refusal.recipient(), refusal.day(), cause, refusal.text(), evidence));
				return true;
			}
			intro.ifPresent(i -> events.record(i.id(), refusal.day(), "SOFT_BOUNCE", cause, evidence));
			return soft(refusal.recipient(), reason, refusal.day(), cause, evidence, intro.orElse(null));
		});
	}

	/**
	 * A hard failure on an introduction (the address is already suppressed): the
	 * referrer's ends it as {@code BOUNCED}, with the server's words; another address is
	 * recorded.
	 * @return whether the introduction moved to {@code BOUNCED}
	 */
	boolean hard(Introduction intro, String address, LocalDate day, String cause, String detail, String evidence) {
		if (address.equalsIgnoreCase(intro.referrerEmail())) {
			introductions.scheduleNextStep(intro.id(), null, null);
			// a move the state machine refuses is recorded as such by the events
			return events.move(intro, IntroState.BOUNCED, day, cause, detail);
		}
		events.record(intro.id(), day, "HARD_BOUNCE", cause, evidence);
		return false;
	}

	/**
	 * Records a soft bounce of an address and applies the soft rule, in the caller's
	 * transaction.
	 * @param intro the introduction it belongs to, for the event of a suppression, or
	 * null
	 * @return whether the address is suppressed now
	 */
	boolean soft(String address, BounceReason reason, LocalDate day, String cause, String detail, Introduction intro) {
		String email = address.toLowerCase(Locale.ROOT);
		jdbc.sql("INSERT INTO soft_bounce (email, occurred_on, reason, cause, detail) VALUES (?, ?, ?, ?, ?)")
			.params(email, day, reason.label(), cause, truncate(detail, 2000))
			.update();
		int within = jdbc.sql("SELECT COUNT(*) FROM soft_bounce WHERE email = ? AND occurred_on > ?")
			.params(email, day.minusDays(rule.days()))
			.query(Integer.class)
			.single();
		if (within < rule.count() || contacts.isSuppressed(email)) {
			return contacts.isSuppressed(email);
		}
		String why = within + " soft bounces within " + rule.days() + " days (introflow.replies.soft-bounce), the last "
				+ cause + ": " + reason.label();
		contacts.suppress(email, "soft_bounces", truncate(why, 400));
		if (intro != null) {
			events.record(intro.id(), day, "SUPPRESSED", cause, email + " suppressed after " + why);
		}
		return true;
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

}
