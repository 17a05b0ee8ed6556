package io.introflow.intro;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.Tx;
import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.outbound.Outbox;
import io.introflow.outbound.OutgoingEmail;
import io.introflow.playbook.AccountPauses;
import io.introflow.playbook.BusinessCalendar;
import io.introflow.playbook.Reciprocity;
import io.introflow.playbook.SequenceProperties;
import io.introflow.template.IntroEmails;

/**
 * The monthly partner summary, a step of every sequence that has {@code monthly-summary}:
 * on the configured business day of each month (in the partner's calendar), each partner
 * with something to report this year gets one email from their owner about the month
 * before: the introductions they made for the firm, and those the firm made for them. It
 * is queued once per partner and month (step key {@code partner-summary-<yyyy-mm>}) and
 * belongs to the partner's latest introduction, whose addresses it uses for replies and
 * unsubscribing. The playbook says when it is due ({@code SequenceProperties},
 * {@code BusinessCalendar}) and what it tells ({@code Reciprocity}); this class records
 * it, as {@link StepComposer} does the other steps.
 */
@Component
public class PartnerSummaries {

	private final JdbcClient jdbc;

	private final ContactRepository contacts;

	private final IntroductionRepository introductions;

	private final IntroEvents events;

	private final StepComposer composer;

	private final Outbox outbox;

	private final Reciprocity reciprocity;

	private final AccountPauses pauses;

	private final BusinessCalendar calendar;

	private final SequenceProperties properties;

	private final Tx tx;

	private final IntroEmails emails;

	PartnerSummaries(IntroEmails emails, JdbcClient jdbc, ContactRepository contacts,
			IntroductionRepository introductions, IntroEvents events, StepComposer composer, Outbox outbox,
			Reciprocity reciprocity, AccountPauses pauses, BusinessCalendar calendar, SequenceProperties properties,
			Tx tx) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.introductions = introductions;
		this.events = events;
		this.composer = composer;
		this.outbox = outbox;
		this.reciprocity = reciprocity;
		this.pauses = pauses;
		this.calendar = calendar;
		this.properties = properties;
		this.tx = tx;
		this.emails = emails;
	}

	private enum Done {

		QUEUED, NOTHING_TO_REPORT, NO_INTRODUCTION, HELD, NOT_DUE

	}

	/** Queues the summaries due on this day. @return a one-line summary */
	public String composeDue(LocalDate day) {
		Map<Done, Integer> counts = new EnumMap<>(Done.class);
		List<String> partners = jdbc.sql("""
				SELECT c.email FROM contact c WHERE c.relationship = 'partner'
				  AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.email = c.email) ORDER BY c.email""")
			.query(String.class)
			.list();
		// most partners are ruled out in sets, a thousand at a time (not their day, no
		// introduction, this month's
		// summary already queued); the rest are composed one transaction each, every rule
		// checked again there
		for (int from = 0; from < partners.size(); from += 1000) {
			List<String> batch = partners.subList(from, Math.min(partners.size(), from + 1000));
			for (String email : candidates(batch, day, counts)) {
				counts.merge(tx.inNew(() -> composeOne(email, day)), 1, Integer::sum);
			}
		}
		int queued = counts.getOrDefault(Done.QUEUED, 0);
		int held = counts.getOrDefault(Done.HELD, 0);
		return queued + " partner summaries queued" + ((held > 0) ? ", " + held + " held (account paused)" : "");
	}

	/**
	 * The partners of the batch that may be due a summary today; the others are counted
	 * as what rules them out.
	 */
	private List<String> candidates(List<String> batch, LocalDate day, Map<Done, Integer> counts) {
		Map<String, Contact> found = contacts.findAll(batch);
		List<String> onTheirDay = new ArrayList<>();
		for (String email : batch) {
			Contact partner = found.get(email);
			SequenceProperties.MonthlySummary rule = (partner != null)
					? properties.sequenceFor(partner.segment(), partner.relationship()).monthlySummary() : null;
			if (rule == null
					|| day.isBefore(calendar.nthBusinessDayOfMonth(partner.country(), day, rule.businessDay()))) {
				counts.merge(Done.NOT_DUE, 1, Integer::sum);
			}
			else {
				onTheirDay.add(email);
			}
		}
		if (onTheirDay.isEmpty()) {
			return onTheirDay;
		}
		Set<String> referred = new HashSet<>(
				jdbc.sql("SELECT DISTINCT referrer_email FROM introduction WHERE referrer_email IN (:emails)")
					.param("emails", onTheirDay)
					.query(String.class)
					.list());
		Set<String> summarized = new HashSet<>(jdbc.sql("""
				SELECT DISTINCT i.referrer_email FROM outbound_email o JOIN introduction i ON i.id = o.introduction_id
				WHERE o.step_key = :step AND i.referrer_email IN (:emails)""")
			.param("step", "partner-summary-" + YearMonth.from(day).minusMonths(1))
			.param("emails", onTheirDay)
			.query(String.class)
			.list());
		List<String> candidates = new ArrayList<>();
		for (String email : onTheirDay) {
			if (!referred.contains(email)) {
				counts.merge(Done.NO_INTRODUCTION, 1, Integer::sum);
			}
			else if (summarized.contains(email)) {
				counts.merge(Done.NOT_DUE, 1, Integer::sum);
			}
			else {
				candidates.add(email);
			}
		}
		return candidates;
	}

	private Done composeOne(String email, LocalDate day) {
		Contact partner = contacts.find(email).orElseThrow();
		SequenceProperties.MonthlySummary rule = properties.sequenceFor(partner.segment(), partner.relationship())
			.monthlySummary();
		if (rule == null || day.isBefore(calendar.nthBusinessDayOfMonth(partner.country(), day, rule.businessDay()))) {
			return Done.NOT_DUE;
		}
		YearMonth month = YearMonth.from(day).minusMonths(1);
		String stepKey = "partner-summary-" + month;
		List<Introduction> theirs = introductions.findByReferrer(email);
		if (theirs.isEmpty()) {
			return Done.NO_INTRODUCTION;
		}
		Introduction latest = theirs.get(theirs.size() - 1);
		if (theirs.stream().anyMatch(i -> outbox.exists(i.id(), stepKey))) {
			return Done.NOT_DUE;
		}
		if (pauses.activeFor(partner, day).isPresent()) {
			return Done.HELD;
		}
		Map<String, Object> summary = summary(partner, month);
		if (((Integer) summary.get("madeThisYear")) + ((Integer) summary.get("receivedThisYear")) == 0) {
			return Done.NOTHING_TO_REPORT;
		}
		OutgoingEmail summaryEmail = composer.draft(latest, partner, "partner-summary", stepKey,
				Map.of("summary", summary));
		long outboundId = outbox.enqueue(latest.id(), stepKey, summaryEmail);
		events.record(latest.id(), day, "PARTNER_SUMMARY", "outbound:" + outboundId,
				month + ": made " + summary.get("madeCount") + ", received " + summary.get("receivedCount")
						+ "; this year made " + summary.get("madeThisYear") + ", received "
						+ summary.get("receivedThisYear"));
		return Done.QUEUED;
	}

	/**
	 * What the {@code partner-summary} template shows as {@code summary} for one partner
	 * and month.
	 */
	public Map<String, Object> summary(Contact partner, YearMonth month) {
		Reciprocity.Balance inMonth = reciprocity.between(partner.email(), month.atDay(1), month.atEndOfMonth());
		Reciprocity.Balance yearToDate = reciprocity.between(partner.email(), month.withMonth(1).atDay(1),
				month.atEndOfMonth());
		// the month is named in the language of the template the partner gets (English
		// when theirs has none)
		String base = emails.engine().resolve("partner-summary", partner.segment(), "a", partner.locale());
		String language = base.contains(".") ? base.substring(base.lastIndexOf('.') + 1) : "en";
		Locale locale = Locale.forLanguageTag(language.replace('_', '-'));
		return Map.of("month",
				month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale) + " " + month.getYear(), "made",
				inMonth.made().stream().map(Reciprocity.Item::toModel).toList(), "received",
				inMonth.received().stream().map(Reciprocity.Item::toModel).toList(), "madeCount", inMonth.made().size(),
				"receivedCount", inMonth.received().size(), "madeThisYear", yearToDate.made().size(),
				"receivedThisYear", yearToDate.received().size());
	}

}
