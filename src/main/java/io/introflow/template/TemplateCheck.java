package io.introflow.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/**
 * Everything that can be wrong with the templates, before anything is sent: the catalog's
 * naming problems, every file compiled (syntax, forbidden built-ins), every kind
 * available for every segment, and every email rendered with sample data for each segment
 * it serves, each locale, with and without a known prospect, both forms of the prefilled
 * intro, with and without the referrer's introduction page; and no two steps of a
 * sequence sending the same body to one person. The nightly job runs it first;
 * {@code introflow templates check} runs it on its own.
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
						for (String page : pages(entry.kind())) {
							collect(problems,
									() -> emails.render(entry.kind(), segment, entry.variant(), entry.locale(), form,
											sample(withProspect).withIntroPage(page),
											sampleExtras(entry.kind(), withProspect)));
						}
					}
				}
			}
		}
		problems.addAll(sameBodies(catalog));
		return List.copyOf(problems);
	}

	/**
	 * Every pair of step kinds that would send one person the same body (the text part,
	 * as the reader sees it), for each segment, locale and variant in the catalog, with
	 * and without a named prospect; once per pair of files.
	 */
	private List<String> sameBodies(TemplateCatalog catalog) {
		Set<String> locales = new TreeSet<>();
		Set<String> variants = new TreeSet<>();
		catalog.entries().forEach(e -> {
			locales.add(e.locale());
			variants.add(e.variant());
		});
		TemplateEngine engine = emails.engine();
		Set<String> reported = new LinkedHashSet<>();
		List<String> problems = new ArrayList<>();
		for (String segment : TemplateCatalog.SEGMENTS) {
			for (String locale : locales) {
				for (String variant : variants) {
					for (boolean withProspect : List.of(true, false)) {
						EmailContext context = sample(withProspect).with(SAMPLE_MOMENT, SAMPLE_OFFER);
						Map<String, String> fileOfBody = new HashMap<>();
						for (String kind : TemplateCatalog.STEP_KINDS) {
							String file;
							String body;
							try {
								file = engine.root().getFileName() + "/"
										+ engine.resolve(kind, segment, variant, locale) + ".md";
								body = FlowedText
									.decode(emails.render(kind, segment, variant, locale, "direct", context).text());
							}
							catch (TemplateProblem ex) {
								continue; // reported above, file by file
							}
							String earlier = fileOfBody.putIfAbsent(body, file);
							if (earlier != null && !earlier.equals(file) && reported.add(earlier + " " + file)) {
								problems.add(earlier + ":1:1: same body as " + file + " (" + segment
										+ (locale.isEmpty() ? "" : ", " + locale) + ", variant " + variant
										+ "): two steps of one sequence would send one person the same words");
							}
						}
					}
				}
			}
		}
		return problems;
	}

	/**
	 * The moment and value offer the sequence check renders with: a go-live, its
	 * checklist delivered.
	 */
	static final EmailContext.Moment SAMPLE_MOMENT = new EmailContext.Moment("go_live", "2026-11-19",
			"Patient portal went live");

	static final EmailContext.Offer SAMPLE_OFFER = new EmailContext.Offer("go-live-checklist", "The go-live checklist",
			"The five things that decide whether the results of a project last, on one page.", "",
			"go-live-checklist.md", true);

	/** The sample introduction page, which templates see as {@code forward.pageUrl}. */
	public static final String SAMPLE_PAGE = "https://intro.example/i/samplepagetoken";

	/**
	 * The emails that carry the prefilled intro are checked with and without an
	 * introduction page.
	 */
	private static List<String> pages(String kind) {
		return IntroEmails.ASKING.contains(kind) ? List.of("", SAMPLE_PAGE) : List.of("");
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
	 * The values only some kinds have, as samples: the partner summary's {@code summary},
	 * full or (without a prospect) empty, so that both the lists and their absence are
	 * rendered.
	 */
	public static Map<String, Object> sampleExtras(String kind, boolean full) {
		if (!kind.equals("partner-summary")) {
			return Map.of();
		}
		List<Map<String, Object>> made = full
				? List.of(Map.of("date", "2026-11-03", "name", "Priya Prospect", "company", "Prospect Ltd"))
				: List.of();
		List<Map<String, Object>> received = full
				? List.of(Map.of("date", "2026-11-12", "name", "", "company", "Buyer GmbH")) : List.of();
		return Map.of("summary",
				Map.of("month", "November 2026", "made", made, "received", received, "madeCount", made.size(),
						"receivedCount", received.size(), "madeThisYear", full ? 4 : 0, "receivedThisYear",
						full ? 2 : 0));
	}

	/** The sample introduction every template is checked with. */
	public static EmailContext sample(boolean withProspect) {
		EmailContext.Person prospect = withProspect
				? new EmailContext.Person("Priya Prospect", "priya@prospect.example", "Prospect Ltd")
				: new EmailContext.Person("", "", "");
		return new EmailContext(new EmailContext.Person("Rita Referrer", "rita@client.example", "Client GmbH"),
				new EmailContext.Person("Oscar Owner", "oscar@firm.example", "Firm"), prospect, "Firm",
				"1 Example Street", "sampletoken", "reply+sampletoken@reply.example", "intro+sampletoken@reply.example",
				"unsubscribe+sampletoken@reply.example");
	}

}
