package io.introflow.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Renders the email of one sequence step. Asks carry the prefilled three-way intro: the {@code forward} templates
 * are rendered first and handed to the ask as a {@code mailto:} link and as a forwardable block.
 */
@Component
public class IntroEmails {

	static final String SHORTENED_NOTICE = "[The full text is in the email I received; paste it here.]";

	private final TemplateEngine engine;

	public IntroEmails(TemplateEngine engine) {
		this.engine = engine;
	}

	public RenderedEmail render(String kind, String segment, String variant, EmailContext context) {
		Map<String, Object> model = context.toModel();
		if (kind.equals("ask")) {
			model.put("forward", forward(segment, variant, context));
		}
		return engine.render(kind, segment, variant, model);
	}

	/** The prefilled intro: to the prospect (when known), CC the owner and the tracking address. */
	public Map<String, Object> forward(String segment, String variant, EmailContext context) {
		RenderedEmail intro = engine.render("forward", segment, variant, context.toModel());
		List<String> to = context.prospect().email().isEmpty() ? List.of() : List.of(context.prospect().email());
		List<String> cc = new ArrayList<>(List.of(context.owner().email(), context.trackingAddress()));
		String mailto = MailtoLink.build(new MailtoLink.Parts(to, cc, intro.subject(), intro.text()),
				MailtoLink.DEFAULT_MAX_LENGTH, SHORTENED_NOTICE);
		return Map.of("subject", intro.subject(), "body", intro.text(), "mailto", mailto, "to", String.join(", ", to),
				"cc", String.join(", ", cc));
	}

}
