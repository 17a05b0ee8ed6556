package io.introflow.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Everything that can be wrong with the templates, before anything is sent: the catalog's naming problems, every file
 * compiled (syntax, forbidden built-ins), every kind available for every segment, and every email rendered with
 * sample data for each segment it serves, each locale, with and without a known prospect, and both forms of the
 * prefilled intro. The nightly job runs it first; {@code introflow templates check} runs it on its own.
 */
@Component
public class TemplateCheck {

	private final IntroEmails emails;

	public TemplateCheck(IntroEmails emails) {
		this.emails = emails;
	}

	/** Each problem once, as {@code templates/<file>:<line>:<column>: <message>}. */
	public List<String> problems() {
		TemplateEngine engine = emails.engine();
		Set<String> problems = new LinkedHashSet<>();
		TemplateCatalog catalog = TemplateCatalog.scan(engine.root());
		problems.addAll(catalog.problems());
		for (String file : engine.files()) {
			collect(problems, () -> engine.compile(file));
		}
		for (String kind : TemplateCatalog.KINDS) {
			for (String segment : TemplateCatalog.SEGMENTS) {
				collect(problems, () -> engine.resolve(kind, segment, "a", ""));
			}
		}
		for (TemplateCatalog.Entry entry : catalog.entries()) {
			List<String> segments = entry.segment().equals("default") ? TemplateCatalog.SEGMENTS
					: List.of(entry.segment());
			for (String segment : segments) {
				for (boolean withProspect : List.of(true, false)) {
					for (String form : List.of("direct", "optin")) {
						collect(problems, () -> emails.render(entry.kind(), segment, entry.variant(),
								entry.locale(), form, sample(withProspect), sampleExtras(entry.kind(), withProspect)));
					}
				}
			}
		}
		return List.copyOf(problems);
	}

	private static void collect(Set<String> problems, Runnable check) {
		try {
			check.run();
		}
		catch (TemplateProblem ex) {
			problems.addAll(ex.problems());
		}
	}

	/**
	 * The values only some kinds have, as samples: the partner summary's {@code summary}, full or (without a
	 * prospect) empty, so that both the lists and their absence are rendered.
	 */
	public static Map<String, Object> sampleExtras(String kind, boolean full) {
		if (!kind.equals("partner-summary")) {
			return Map.of();
		}
		List<Map<String, Object>> made = full ? List.of(Map.of("date", "2026-11-03", "name", "Priya Prospect",
				"company", "Prospect Ltd")) : List.of();
		List<Map<String, Object>> received = full ? List.of(Map.of("date", "2026-11-12", "name", "",
				"company", "Buyer GmbH")) : List.of();
		return Map.of("summary", Map.of("month", "November 2026", "made", made, "received", received, "madeCount",
				made.size(), "receivedCount", received.size(), "madeThisYear", full ? 4 : 0, "receivedThisYear",
				full ? 2 : 0));
	}

	/** The sample introduction every template is checked with. */
	public static EmailContext sample(boolean withProspect) {
		EmailContext.Person prospect = withProspect
				? new EmailContext.Person("Priya Prospect", "priya@prospect.example", "Prospect Ltd")
				: new EmailContext.Person("", "", "");
		return new EmailContext(new EmailContext.Person("Rita Referrer", "rita@client.example", "Client GmbH"),
				new EmailContext.Person("Oscar Owner", "oscar@firm.example", "Firm"), prospect, "Firm",
				"1 Example Street", "sampletoken", "reply+sampletoken@reply.example",
				"intro+sampletoken@reply.example", "unsubscribe+sampletoken@reply.example");
	}

}
