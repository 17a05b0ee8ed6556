package io.introflow.intro;

import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.outbound.OutgoingEmail;
import io.introflow.outbound.SendingProperties;
import io.introflow.template.TemplateCheck;

/**
 * Renders any kind of email as it would go out, for a rep checking a template: with
 * sample people, or with a real contact and their latest introduction (without changing
 * anything).
 */
@Component
public class EmailPreview {

	private final StepComposer composer;

	private final ContactRepository contacts;

	private final IntroductionRepository introductions;

	private final PlaybookProperties playbook;

	private final PartnerSummaries summaries;

	private final SendingProperties sending;

	private final PublicLinks links;

	EmailPreview(StepComposer composer, ContactRepository contacts, IntroductionRepository introductions,
			PlaybookProperties playbook, PartnerSummaries summaries, SendingProperties sending, PublicLinks links) {
		this.composer = composer;
		this.contacts = contacts;
		this.introductions = introductions;
		this.playbook = playbook;
		this.summaries = summaries;
		this.sending = sending;
		this.links = links;
	}

	/**
	 * What to preview; null fields take the contact's (or the sample's) own value.
	 *
	 * @param contactEmail a real contact, or null for the sample one
	 * @param withProspect with the sample, whether the introduction names a prospect
	 */
	public record Options(String kind, String segment, String variant, String locale, String form, String contactEmail,
			boolean withProspect) {
	}

	/**
	 * @throws IllegalArgumentException when the contact does not exist
	 */
	public OutgoingEmail render(Options options) {
		Contact referrer;
		Introduction intro;
		if (options.contactEmail() != null) {
			referrer = contacts.find(options.contactEmail())
				.orElseThrow(() -> new IllegalArgumentException("no contact with address " + options.contactEmail()));
			List<Introduction> theirs = introductions.findByReferrer(referrer.email());
			intro = theirs.isEmpty() ? sampleIntro(referrer, false) : theirs.get(theirs.size() - 1);
		}
		else {
			referrer = new Contact("rita.referrer@client.example", "Rita Referrer", "Client GmbH", "customer",
					"oscar.owner@introflow.example", "Oscar Owner", "customer", "en", "UTC", "preview",
					Map.of("tier", "gold"));
			intro = sampleIntro(referrer, options.withProspect());
		}
		Contact shown = new Contact(referrer.email(), referrer.name(), referrer.company(), referrer.relationship(),
				referrer.ownerEmail(), referrer.ownerName(), or(options.segment(), intro.segment()),
				or(options.locale(), referrer.locale()), referrer.timeZone(), referrer.source(), referrer.attributes());
		Introduction previewed = new Introduction(intro.id(), intro.token(), intro.referrerEmail(), intro.ownerEmail(),
				intro.ownerName(), intro.prospectName(), intro.prospectEmail(), intro.prospectCompany(),
				shown.segment(), or(options.variant(), intro.variant()), intro.state(), intro.nextStep(),
				intro.nextStepDue(), intro.createdOn(), or(options.form(), intro.introForm()));
		// the partner summary shows a real partner's last month, else the sample summary
		Map<String, Object> extras = (options.contactEmail() != null && options.kind().equals("partner-summary"))
				? Map.of("summary", summaries.summary(referrer, YearMonth.now().minusMonths(1)))
				: TemplateCheck.sampleExtras(options.kind(), true);
		return composer.draft(previewed, shown, options.kind(), options.kind(), extras, true);
	}

	/**
	 * The referrer's introduction page ({@code forward.pageUrl}) as a preview shows it:
	 * the live page of the contact's latest introduction when its emails already link
	 * one, else the sample link a preview carries (it opens nothing: a preview makes no
	 * token); none without {@code public-base-url}.
	 */
	public Optional<URI> introPage(String contactEmail) {
		URI base = sending.publicBaseUrl();
		if (base == null) {
			return Optional.empty();
		}
		List<Introduction> theirs = (contactEmail != null) ? introductions.findByReferrer(contactEmail) : List.of();
		Optional<URI> live = theirs.isEmpty() ? Optional.empty()
				: links.existingUrl(base, theirs.get(theirs.size() - 1).id(), PublicLinks.Purpose.INTRO_PAGE);
		return live.or(() -> Optional
			.of(URI.create(base.toString().replaceAll("/+$", "") + PublicLinks.Purpose.INTRO_PAGE.path() + "preview")));
	}

	private Introduction sampleIntro(Contact referrer, boolean withProspect) {
		return new Introduction(0, "previewtoken0000000", referrer.email(), referrer.ownerEmail(), referrer.ownerName(),
				withProspect ? "Priya Prospect" : null, withProspect ? "priya@prospect.example" : null,
				withProspect ? "Prospect Ltd" : null, referrer.segment(), playbook.variantFor(referrer.email()),
				IntroState.ASKED, null, null, LocalDate.now(), playbook.introFormFor(referrer.segment()));
	}

	private static String or(String override, String own) {
		return (override != null && !override.isBlank()) ? override : own;
	}

}
