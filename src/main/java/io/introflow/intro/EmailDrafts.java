package io.introflow.intro;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.contact.Contact;
import io.introflow.offer.ValueOffers;
import io.introflow.outbound.OutgoingEmail;
import io.introflow.template.EmailContext;
import io.introflow.template.IntroEmails;
import io.introflow.template.RenderedEmail;

/**
 * Renders the email of one step from what is known about its introduction: no database
 * here, so that a chunk of introductions is rendered from what was loaded for the whole
 * chunk, and a preview from what it looked up.
 */
@Component
class EmailDrafts {

	private final IntroEmails emails;

	private final IntroflowProperties properties;

	EmailDrafts(IntroEmails emails, IntroflowProperties properties) {
		this.emails = emails;
		this.properties = properties;
	}

	/**
	 * What an email needs beyond the introduction and its referrer.
	 *
	 * @param offerView the offer as templates see it, or null
	 * @param introPage the referrer's introduction page, or null without a public base
	 * URL
	 * @param unsubscribe the one-click unsubscribe link, or null without a public base
	 * URL
	 */
	record Known(EmailContext.Moment moment, Optional<ValueOffers.ValueOffer> offer, EmailContext.Offer offerView,
			String introPage, String unsubscribe) {
	}

	/**
	 * @param stepKey names the email in its Message-ID ({@code nudge-2} for the second
	 * email of step nudge)
	 * @param extras more values for the template
	 */
	OutgoingEmail render(Introduction intro, Contact referrer, String kind, String stepKey, Map<String, Object> extras,
			Known known) {
		EmailContext context = context(intro, referrer).with(known.moment(), known.offerView());
		if (IntroEmails.carriesIntro(kind)) {
			context = context.withIntroPage(Objects.toString(known.introPage(), ""));
		}
		RenderedEmail rendered = emails.render(kind, intro.segment(), intro.variant(), referrer.locale(),
				intro.introForm(), context, extras);
		OutgoingEmail email = new OutgoingEmail(stepKey + "." + intro.token() + "@" + properties.mail().sendingDomain(),
				intro.ownerEmail(), intro.ownerName(), intro.referrerEmail(), referrer.name(),
				properties.mail().replyAddress(intro.token()), rendered.subject(), rendered.text(), rendered.html(),
				properties.mail().unsubscribeAddress(intro.token()))
			.withOneClickUnsubscribe(known.unsubscribe());
		if (kind.equals("value") && known.offer().isPresent() && known.offer().get().hasAttachment()) {
			ValueOffers.ValueOffer file = known.offer().get();
			email = email.withAttachments(
					List.of(new OutgoingEmail.Attachment(file.attachmentName(), file.contentType(), file.bytes())));
		}
		return email;
	}

	EmailContext context(Introduction intro, Contact referrer) {
		return new EmailContext(
				new EmailContext.Person(referrer.name(), referrer.email(), referrer.company(), referrer.attributes()),
				new EmailContext.Person(intro.ownerName(), intro.ownerEmail(), properties.mail().firmName()),
				new EmailContext.Person(intro.prospectName(), intro.prospectEmail(), intro.prospectCompany()),
				properties.mail().firmName(), properties.mail().postalAddress(), intro.token(),
				properties.mail().replyAddress(intro.token()), properties.mail().trackingAddress(intro.token()),
				properties.mail().unsubscribeAddress(intro.token()));
	}

	/**
	 * The trigger as templates see it. A cadence trigger's note is Introflow's own
	 * reason, not the client's words, so templates get none.
	 */
	static EmailContext.Moment moment(Optional<EmailContext.Moment> trigger) {
		return trigger.map(m -> m.type().equals("cadence") ? new EmailContext.Moment(m.type(), m.date(), "") : m)
			.orElse(EmailContext.Moment.NONE);
	}

	/** The public link {@code <base><path><token>}. */
	static String link(java.net.URI base, PublicLinks.Purpose purpose, String token) {
		return base.toString().replaceAll("/+$", "") + purpose.path() + token;
	}

}
