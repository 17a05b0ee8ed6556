package io.introflow.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Renders the emails of an introduction. Emails that ask for an introduction
 * ({@code ask}, {@code nudge}, {@code nudge-2}, {@code reminder}) also get
 * {@code forward}: the prefilled intro, as a {@code mailto:} link and as text, in one of
 * two forms:
 * <ul>
 * <li>{@code direct}: the three-way intro, to the prospect, CC the owner and the tracking
 * address;</li>
 * <li>{@code optin}: the double opt-in request, asking the prospect whether an
 * introduction is welcome, CC the tracking address, so that the prospect's answer reaches
 * us too.</li>
 * </ul>
 * The HTML part shows the link as a button; the text part never carries it (a
 * 700-character {@code mailto:} URL is noise in plain text) and has the forwardable block
 * instead: {@code forward.paragraphs} is the intro's body as paragraphs of lines for
 * {@code <@intro.forwardable/>}. With a public base URL, {@code forward.pageUrl} is the
 * referrer's introduction page ({@code /i/<token>}, blank without one): the button opens
 * it instead of the {@code mailto:} (a mail program in the browser does not answer
 * {@code mailto:}), and the text part gets a line with it.
 */
@Component
public class IntroEmails {

	/** The kinds that carry the prefilled intro: the ask and every follow-up to it. */
	static final Set<String> ASKING = Set.of("ask", "nudge", "nudge-2", "reminder");

	/**
	 * Whether emails of this kind carry the prefilled intro (and so the link to the
	 * introduction page).
	 */
	public static boolean carriesIntro(String kind) {
		return ASKING.contains(kind);
	}

	static final String SHORTENED_NOTICE = "[The full text is in the email I received; paste it here.]";

	private final TemplateEngine engine;

	public IntroEmails(TemplateEngine engine) {
		this.engine = engine;
	}

	public TemplateEngine engine() {
		return engine;
	}

	public RenderedEmail render(String kind, String segment, String variant, String locale, String form,
			EmailContext context) {
		return render(kind, segment, variant, locale, form, context, Map.of());
	}

	/**
	 * @param extras more values for the template, such as the partner summary's
	 * {@code summary}
	 */
	public RenderedEmail render(String kind, String segment, String variant, String locale, String form,
			EmailContext context, Map<String, Object> extras) {
		Map<String, Object> model = context.toModel();
		model.putAll(extras);
		if (ASKING.contains(kind)) {
			model.put("forward", forward(segment, variant, locale, form, context));
		}
		return engine.render(kind, segment, variant, locale, model);
	}

	/**
	 * The prefilled intro in the given form, with the link and the addresses it goes to.
	 */
	public Map<String, Object> forward(String segment, String variant, String locale, String form,
			EmailContext context) {
		boolean optin = "optin".equals(form);
		RenderedEmail intro = engine.render(optin ? "forward-optin" : "forward", segment, variant, locale,
				context.toModel());
		List<String> to = context.prospect().email().isEmpty() ? List.of() : List.of(context.prospect().email());
		List<String> cc = new ArrayList<>();
		if (!optin) {
			cc.add(context.owner().email());
		}
		cc.add(tracking(context.firmName(), context.trackingAddress()));
		String mailto = MailtoLink.build(new MailtoLink.Parts(to, cc, intro.subject(), intro.text()),
				MailtoLink.DEFAULT_MAX_LENGTH, SHORTENED_NOTICE);
		return Map.of("form", optin ? "optin" : "direct", "subject", intro.subject(), "body", intro.text(), "mailto",
				mailto, "to", String.join(", ", to), "cc", String.join(", ", cc), "paragraphs",
				paragraphs(intro.text()), "pageUrl", context.introPageUrl());
	}

	/**
	 * The tracking address as the prospect sees it in copy: under the firm's name
	 * ({@code "Firm" <intro+token@...>}), so that it reads as the firm's inbox rather
	 * than as machinery, while every reply-all still reaches it. Characters that would
	 * end the display name or split the {@code mailto:} address list are left out of the
	 * name.
	 */
	static String tracking(String firmName, String address) {
		String name = (firmName == null) ? "" : firmName.replaceAll("[\\\\\"<>,;\\p{Cntrl}\\p{Zl}\\p{Zp}]", "").strip();
		return name.isEmpty() ? address : "\"" + name + "\" <" + address + ">";
	}

	/**
	 * The intro's body as paragraphs of lines, for the forwardable block
	 * ({@code _lib/intro.ftl}).
	 */
	static List<List<String>> paragraphs(String body) {
		List<List<String>> paragraphs = new ArrayList<>();
		for (String paragraph : body.strip().split("\n\\s*\n")) {
			paragraphs.add(List.of(paragraph.strip().split("\n")));
		}
		return paragraphs;
	}

}
