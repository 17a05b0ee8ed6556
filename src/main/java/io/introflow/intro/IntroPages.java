package io.introflow.intro;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.template.EmailContext;
import io.introflow.template.IntroEmails;
import io.introflow.template.MailtoLink;

/**
 * The referrer's introduction page ({@code /i/<token>}): the prefilled intro exactly as
 * the ask's {@code mailto:} carries it, rendered from the same templates with the same
 * context, for a referrer whose mail program lives in the browser. It never sends
 * anything: the referrer sends the intro from their own mailbox. A closed introduction,
 * or one whose referrer has opted out, shows no intro.
 */
@Service
public class IntroPages {

	/**
	 * The name the intro is rendered with when the ask named no prospect, for the page's
	 * form to put the typed name in: its first word stands where the template writes the
	 * prospect's first name.
	 */
	public static final String PLACEHOLDER_FIRST = "Introflowfirstname";

	public static final String PLACEHOLDER_NAME = PLACEHOLDER_FIRST + " Introflowlastname";

	private static final String PLACEHOLDER_EMAIL = "prospect@introflow.invalid";

	private final PublicLinks links;

	private final IntroductionRepository introductions;

	private final ContactRepository contacts;

	private final StepComposer composer;

	private final IntroEmails emails;

	IntroPages(PublicLinks links, IntroductionRepository introductions, ContactRepository contacts,
			StepComposer composer, IntroEmails emails) {
		this.links = links;
		this.introductions = introductions;
		this.contacts = contacts;
		this.composer = composer;
		this.emails = emails;
	}

	/** Where the introduction stands, as the page tells the referrer. */
	public enum Status {

		/** The referrer still has the intro to make: the page shows it. */
		OPEN,
		/** The intro was made: the page thanks the referrer. */
		MADE,
		/** Declined, opted out, ended or cancelled: the page says so politely. */
		CLOSED

	}

	/**
	 * One page. Only an open one has the intro and the names for the greeting; the others
	 * have blanks and no intro.
	 *
	 * @param lang the referrer's language ({@code en}, {@code de}, ...)
	 * @param intro the intro as the emails carry it (empty unless open)
	 * @param draft when the ask named no prospect, the intro written to
	 * {@link #PLACEHOLDER_NAME}, for the page's form (empty otherwise)
	 */
	public record Page(Status status, String referrerFirstName, String ownerName, String firmName, String lang,
			Optional<Prefilled> intro, Optional<Prefilled> draft) {

	}

	/**
	 * A prefilled intro: its addresses ({@code cc} as the {@code mailto:} carries them,
	 * the tracking address under the firm's name), subject, full body, form
	 * ({@code direct} or {@code optin}) and the {@code mailto:} link (whose body a very
	 * long intro may shorten).
	 */
	public record Prefilled(List<String> to, List<String> cc, String subject, String body, String form,
			boolean namesProspect, String mailto) {

	}

	/**
	 * The page of a token; empty when no introduction page has this token (another
	 * purpose's token opens none).
	 */
	public Optional<Page> page(String token) {
		return links.introductionOf(token, PublicLinks.Purpose.INTRO_PAGE)
			.flatMap(introductions::findById)
			.map(this::page);
	}

	private Page page(Introduction intro) {
		Optional<Contact> referrer = contacts.find(intro.referrerEmail());
		if (referrer.isEmpty() || contacts.isSuppressed(intro.referrerEmail()) || !intro.state().awaitsReferrer()) {
			Status status = (referrer.isPresent() && intro.state().isOpen()) ? Status.MADE : Status.CLOSED;
			return new Page(status, "", "", "", "en", Optional.empty(), Optional.empty());
		}
		Contact who = referrer.get();
		EmailContext context = composer.introContext(intro, who);
		Optional<Prefilled> draft = Optional.empty();
		boolean namesProspect = !context.prospect().name().isEmpty() || !context.prospect().email().isEmpty();
		if (!namesProspect) {
			EmailContext placeholder = new EmailContext(context.referrer(), context.owner(),
					new EmailContext.Person(PLACEHOLDER_NAME, PLACEHOLDER_EMAIL, ""), context.firmName(),
					context.postalAddress(), context.token(), context.replyAddress(), context.trackingAddress(),
					context.unsubscribeAddress(), context.trigger(), context.offer());
			draft = Optional.of(prefilled(intro, who, placeholder, true));
		}
		String lang = (who.locale() == null || who.locale().isBlank()) ? "en" : who.locale().split("[-_]")[0];
		return new Page(Status.OPEN, context.referrer().firstName(), context.owner().name(), context.firmName(), lang,
				Optional.of(prefilled(intro, who, context, namesProspect)), draft);
	}

	private Prefilled prefilled(Introduction intro, Contact referrer, EmailContext context, boolean namesProspect) {
		Map<String, Object> forward = emails.forward(intro.segment(), intro.variant(), referrer.locale(),
				intro.introForm(), context);
		String mailto = (String) forward.get("mailto");
		// the addresses as the link carries them, so that the page and the email never
		// disagree
		MailtoLink.Parts parts = MailtoLink.parse(mailto);
		List<String> to = parts.to().stream().filter(a -> !a.equals(PLACEHOLDER_EMAIL)).toList();
		return new Prefilled(to, parts.cc(), (String) forward.get("subject"), (String) forward.get("body"),
				(String) forward.get("form"), namesProspect, mailto);
	}

}
