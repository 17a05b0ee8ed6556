package io.introflow.template;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Renders every kind of template for every segment with sample data, so that a typo is found before anything is
 * sent. Each problem is reported as {@code file:line:column: message}.
 */
@Component
public class TemplateCheck {

	static final List<String> SEGMENTS = List.of("customer", "partner");

	private final IntroEmails emails;

	public TemplateCheck(IntroEmails emails) {
		this.emails = emails;
	}

	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		for (String segment : SEGMENTS) {
			for (boolean withProspect : List.of(true, false)) {
				for (String kind : TemplateEngine.KINDS) {
					try {
						emails.render(kind, segment, "a", sample(withProspect));
					}
					catch (TemplateProblem ex) {
						if (!problems.contains(ex.getMessage())) {
							problems.add(ex.getMessage());
						}
					}
				}
			}
		}
		return problems;
	}

	static EmailContext sample(boolean withProspect) {
		EmailContext.Person prospect = withProspect
				? new EmailContext.Person("Priya Prospect", "priya@prospect.example", "Prospect Ltd")
				: new EmailContext.Person("", "", "");
		return new EmailContext(new EmailContext.Person("Rita Referrer", "rita@client.example", "Client GmbH"),
				new EmailContext.Person("Oscar Owner", "oscar@firm.example", "Firm"), prospect, "Firm",
				"1 Example Street", "sampletoken", "reply+sampletoken@reply.example",
				"intro+sampletoken@reply.example", "unsubscribe+sampletoken@reply.example");
	}

}
