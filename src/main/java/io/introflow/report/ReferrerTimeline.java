package io.introflow.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;
import io.introflow.intro.PartnerSummaries;
import io.introflow.playbook.AccountPauses;
import io.introflow.playbook.Eligibility;
import io.introflow.playbook.SequenceProperties;

/**
 * {@code introflow status --contact}: one referrer as the playbook sees them on a day:
 * whether they may be asked and why not, their asks this year, pauses, every trigger with
 * what became of it, partner reciprocity, and the history of each of their introductions.
 */
@Component
public class ReferrerTimeline {

	private final ContactRepository contacts;

	private final IntroductionRepository introductions;

	private final Eligibility eligibility;

	private final AccountPauses pauses;

	private final PartnerSummaries summaries;

	private final SequenceProperties properties;

	private final Funnel funnel;

	private final JdbcClient jdbc;

	ReferrerTimeline(ContactRepository contacts, IntroductionRepository introductions, Eligibility eligibility,
			AccountPauses pauses, PartnerSummaries summaries, SequenceProperties properties, Funnel funnel,
			JdbcClient jdbc) {
		this.contacts = contacts;
		this.introductions = introductions;
		this.eligibility = eligibility;
		this.pauses = pauses;
		this.summaries = summaries;
		this.properties = properties;
		this.funnel = funnel;
		this.jdbc = jdbc;
	}

	/**
	 * @return empty when no contact has that address
	 */
	public Optional<String> text(String email, LocalDate day) {
		Optional<Contact> found = contacts.find(email);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Contact c = found.get();
		StringBuilder out = new StringBuilder();
		out.append(String.format("%s  %s%s (%s, segment %s, country %s), owner %s%n", c.email(), c.name(),
				(c.company() != null && !c.company().isBlank()) ? ", " + c.company() : "", c.relationship(),
				c.segment(),
				(c.country() != null) ? c.country() : properties.calendar().defaultCountry() + " (default)",
				c.ownerEmail()));
		if (c.since() != null) {
			out.append("  relationship since ").append(c.since()).append('\n');
		}
		List<LocalDate> asks = eligibility.asksInYearBefore(c.email(), day);
		out.append(String.format("  asks in the last 365 days: %d of %d%s%n", asks.size(),
				properties.eligibility().maxAsksPerYear(), asks.isEmpty() ? "" : " (last " + asks.get(0) + ")"));
		String refusal = eligibility.refusal(c, day);
		out.append("  on ")
			.append(day)
			.append(": ")
			.append((refusal == null) ? "may be asked" : "not asked: " + refusal)
			.append('\n');
		List<String> pauseLines = pauses.historyOf(c);
		if (!pauseLines.isEmpty()) {
			out.append("Pauses\n");
			pauseLines.forEach(line -> out.append("  ").append(line).append('\n'));
		}
		out.append("Triggers\n");
		TextTable triggers = TextTable.of("date", "trigger", "status", "why / from");
		jdbc.sql("""
				SELECT occurred_on, type, status, status_reason, source FROM intro_trigger WHERE contact_email = ?
				ORDER BY occurred_on, id""")
			.param(c.email())
			.query((rs, n) -> triggers.row(rs.getObject(1, LocalDate.class), rs.getString(2),
					TextTable.words(rs.getString(3)),
					(rs.getString(4) != null) ? rs.getString(4) : "(" + rs.getString(5) + ")"))
			.list();
		out.append(triggers.render("  "));
		if (c.relationship().equals("partner")) {
			Map<String, Object> year = summaries.summary(c, YearMonth.from(day));
			out.append(String.format("Reciprocity this year: they made %s introductions, we made %s for them%n",
					year.get("madeThisYear"), year.get("receivedThisYear")));
		}
		out.append("Introductions\n");
		for (Introduction intro : introductions.findByReferrer(c.email())) {
			out.append(funnel.historyText(intro));
			if (intro.nextStep() != null) {
				out.append("    next: ")
					.append(intro.nextStep())
					.append(" on ")
					.append(intro.nextStepDue())
					.append('\n');
			}
		}
		return Optional.of(out.toString());
	}

}
