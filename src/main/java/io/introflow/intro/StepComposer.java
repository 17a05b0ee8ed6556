package io.introflow.intro;

import java.net.URI;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowException;
import io.introflow.IntroflowProperties;
import io.introflow.Tx;
import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.inbound.InboundStore;
import io.introflow.offer.ValueOffers;
import io.introflow.outbound.OutgoingEmail;
import io.introflow.outbound.Outbox;
import io.introflow.outbound.SendingProperties;
import io.introflow.playbook.AccountPauses;
import io.introflow.playbook.BusinessCalendar;
import io.introflow.playbook.Sequences;
import io.introflow.template.EmailContext;
import io.introflow.template.IntroEmails;
import io.introflow.template.RenderedEmail;

/**
 * Renders every step that is due into the outbox. The outbox row, the state change and the next step are written in
 * one transaction per introduction, so a step is queued exactly once whatever stops the run. A step is held, not
 * sent, while the referrer's account is paused; the sequence's {@code no-response} step sends nothing and ends an
 * introduction that never got an answer.
 */
@Component
public class StepComposer {

	private static final Logger log = LoggerFactory.getLogger(StepComposer.class);

	private final IntroductionRepository introductions;

	private final IntroEvents events;

	private final ContactRepository contacts;

	private final IntroEmails emails;

	private final Outbox outbox;

	private final IntroflowProperties properties;

	private final Tx tx;

	private final Sequences sequences;

	private final AccountPauses pauses;

	private final BusinessCalendar calendar;

	private final InboundStore inbound;

	private final IntroOffers offers;

	private final SendingProperties sending;

	private final PublicLinks links;

	StepComposer(IntroductionRepository introductions, IntroEvents events, ContactRepository contacts,
			IntroEmails emails, Outbox outbox, IntroflowProperties properties, Tx tx, Sequences sequences,
			AccountPauses pauses, BusinessCalendar calendar, InboundStore inbound, IntroOffers offers,
			SendingProperties sending, PublicLinks links) {
		this.sending = sending;
		this.links = links;
		this.offers = offers;
		this.introductions = introductions;
		this.events = events;
		this.contacts = contacts;
		this.emails = emails;
		this.outbox = outbox;
		this.properties = properties;
		this.tx = tx;
		this.sequences = sequences;
		this.pauses = pauses;
		this.calendar = calendar;
		this.inbound = inbound;
	}

	/**
	 * What one pass did: emails queued, steps held (paused accounts) or ended without email (no response), and steps
	 * that could not be composed (each recorded as an event).
	 */
	public record Result(int queued, int held, int ended, int failed, int unclassified) {

		@Override
		public String toString() {
			if (unclassified > 0) {
				return "nothing composed: " + unclassified + " stored replies are not classified yet (a reply holds "
						+ "every automated step until it is read; run introflow replies)";
			}
			return queued + " emails queued" + ((held > 0) ? ", " + held + " held (account paused)" : "")
					+ ((ended > 0) ? ", " + ended + " ended with no response" : "") + ((failed > 0) ? ", " + failed
							+ " could not be composed (STEP_FAILED in their history; they are tried again next run)"
							: "");
		}

	}

	private enum Done {

		QUEUED, HELD, ENDED, NOTHING

	}

	/**
	 * Composes every due step, each in its own transaction. A step that cannot be composed (a template that fails for
	 * this contact's data, a value that would be unsafe in a header) is recorded and left due, and the others go on.
	 * Nothing is composed while a stored reply is still unread: it may be the answer that stops a step.
	 */
	public Result composeDue(LocalDate day) {
		int unclassified = inbound.countUnprocessed();
		if (unclassified > 0) {
			return new Result(0, 0, 0, 0, unclassified);
		}
		Map<Done, Integer> counts = new EnumMap<>(Done.class);
		int failed = 0;
		for (Introduction intro : introductions.findDue(day)) {
			try {
				counts.merge(tx.inNew(() -> compose(intro, day)), 1, Integer::sum);
			}
			catch (IntroflowException ex) {
				failed++;
				log.warn("Introduction {}: step {} not composed: {}", intro.id(), intro.nextStep(), ex.getMessage());
				tx.runInNew(() -> events.record(intro.id(), day, "STEP_FAILED", "compose",
						intro.nextStep() + ": " + ex.getMessage()));
			}
		}
		return new Result(counts.getOrDefault(Done.QUEUED, 0), counts.getOrDefault(Done.HELD, 0),
				counts.getOrDefault(Done.ENDED, 0), failed, 0);
	}

	private Done compose(Introduction intro, LocalDate day) {
		String step = intro.nextStep();
		Optional<Contact> referrer = contacts.find(intro.referrerEmail());
		if (referrer.isEmpty() || contacts.isSuppressed(intro.referrerEmail())) {
			introductions.scheduleNextStep(intro.id(), null, null);
			if (intro.state().isOpen()) {
				events.move(intro, IntroState.OPTED_OUT, day, "suppression", "referrer is suppressed or unknown");
			}
			return Done.NOTHING;
		}
		if (step.equals(Sequences.NO_RESPONSE)) {
			if (!events.move(intro, IntroState.NO_RESPONSE, day, "sequence",
					"no answer; the sequence gave up after its last email")) {
				sequences.reschedule(intro.id());
			}
			return Done.ENDED;
		}
		Optional<AccountPauses.Pause> pause = pauses.activeFor(referrer.get(), day);
		if (pause.isPresent()) {
			hold(intro, referrer.get(), pause.get(), day);
			return Done.HELD;
		}
		if (outbox.exists(intro.id(), step)) {
			sequences.reschedule(intro.id());
			return Done.NOTHING;
		}
		String kind = sequences.kindOf(intro.segment(), referrer.get().relationship(), step);
		OutgoingEmail email = inThread(intro, referrer.get(), step, draft(intro, referrer.get(), kind, step));
		long outboundId = outbox.enqueue(intro.id(), step, email);
		if (kind.equals("value")) {
			offers.of(intro, moment(intro).type()).ifPresent(offer -> offers.recordSent(intro, offer, step));
		}
		events.record(intro.id(), day, "STEP_QUEUED", "outbound:" + outboundId,
				step.equals(kind) ? step : step + " (" + kind + ")");
		String cause = "outbound:" + outboundId;
		switch (kind) {
			case "value" -> events.move(intro, IntroState.VALUE_SENT, day, cause, null);
			case "ask" -> events.move(intro, IntroState.ASKED, day, cause, null);
			default -> {
				// nudges, thanks and the close of the loop change no state
			}
		}
		sequences.emailQueued(intro.id(), kind, day);
		log.debug("Introduction {}: queued {}", intro.id(), step);
		return Done.QUEUED;
	}

	/**
	 * A step that follows another goes as a reply in that thread, worked out from what was delivered when it is
	 * composed; a step composed again after a restart finds the same thread.
	 */
	private OutgoingEmail inThread(Introduction intro, Contact referrer, String step, OutgoingEmail email) {
		Optional<Sequences.MailThread> thread = sequences.threadOf(intro.segment(), referrer.relationship(), step);
		if (thread.isEmpty()) {
			return email;
		}
		List<Outbox.Sent> delivered = outbox.sent(intro.id())
			.stream()
			.filter(sent -> thread.get().includes(sent.stepKey()) && !sent.stepKey().equals(step))
			.toList();
		ThreadHeaders headers = ThreadHeaders.follow(delivered, email.subject());
		return email.inThread(headers.subject(), headers.inReplyTo(), headers.references());
	}

	/** A paused account: the step waits for the pause to end (checked again each night if it has no end). */
	private void hold(Introduction intro, Contact referrer, AccountPauses.Pause pause, LocalDate day) {
		LocalDate until = calendar.onOrAfter(referrer.country(),
				(pause.endsOn() != null) ? pause.endsOn() : day.plusDays(1));
		introductions.scheduleNextStep(intro.id(), intro.nextStep(), until);
		String cause = "pause:" + pause.id();
		if (!events.recorded(intro.id(), "HELD", cause)) {
			events.record(intro.id(), day, "HELD", cause, intro.nextStep() + " held: account paused ("
					+ pause.describe() + ")");
		}
	}

	/** The email of one step of an introduction, rendered from the templates and addressed, not yet queued. */
	public OutgoingEmail draft(Introduction intro, Contact referrer, String kind) {
		return draft(intro, referrer, kind, kind);
	}

	OutgoingEmail draft(Introduction intro, Contact referrer, String kind, String stepKey) {
		return draft(intro, referrer, kind, stepKey, Map.of());
	}

	/**
	 * @param stepKey names the email in its Message-ID ({@code nudge-2} for the second email of step nudge)
	 * @param extras more values for the template
	 */
	public OutgoingEmail draft(Introduction intro, Contact referrer, String kind, String stepKey,
			Map<String, Object> extras) {
		return draft(intro, referrer, kind, stepKey, extras, false);
	}

	/**
	 * @param preview only shown to a rep: no public token is made (a preview changes nothing), and the one-click link
	 * is a sample that unsubscribes no one
	 */
	OutgoingEmail draft(Introduction intro, Contact referrer, String kind, String stepKey, Map<String, Object> extras,
			boolean preview) {
		EmailContext.Moment moment = moment(intro);
		Optional<ValueOffers.ValueOffer> offer = offers.of(intro, moment.type());
		EmailContext context = context(intro, referrer, moment, offer);
		if (IntroEmails.carriesIntro(kind)) {
			context = context.withIntroPage(Objects.toString(
					publicLink(intro, PublicLinks.Purpose.INTRO_PAGE, preview), ""));
		}
		RenderedEmail rendered = emails.render(kind, intro.segment(), intro.variant(), referrer.locale(),
				intro.introForm(), context, extras);
		OutgoingEmail email = new OutgoingEmail(stepKey + "." + intro.token() + "@"
				+ properties.mail().sendingDomain(), intro.ownerEmail(), intro.ownerName(), intro.referrerEmail(),
				referrer.name(), properties.mail().replyAddress(intro.token()), rendered.subject(), rendered.text(),
				rendered.html(), properties.mail().unsubscribeAddress(intro.token()))
			.withOneClickUnsubscribe(publicLink(intro, PublicLinks.Purpose.UNSUBSCRIBE, preview));
		if (kind.equals("value") && offer.isPresent() && offer.get().hasAttachment()) {
			ValueOffers.ValueOffer file = offer.get();
			email = email.withAttachments(List.of(
					new OutgoingEmail.Attachment(file.attachmentName(), file.contentType(), file.bytes())));
		}
		return email;
	}

	/**
	 * A public link of the introduction, with its own token for that purpose (made now if it has none): never the
	 * reply token, which the prospect sees in the intro's CC. None without {@code public-base-url}: nothing would
	 * answer it. A preview (or a sample introduction that is not stored) makes no token and gets a sample link that
	 * opens nothing.
	 */
	private String publicLink(Introduction intro, PublicLinks.Purpose purpose, boolean preview) {
		URI base = sending.publicBaseUrl();
		if (base == null) {
			return null;
		}
		if (preview || intro.id() <= 0) {
			return base.toString().replaceAll("/+$", "") + purpose.path() + "preview";
		}
		return links.url(base, intro.id(), purpose).toString();
	}

	/**
	 * The trigger as templates see it. A cadence trigger's note is Introflow's own reason, not the client's words,
	 * so templates get none.
	 */
	private EmailContext.Moment moment(Introduction intro) {
		return introductions.triggerOf(intro.id())
			.map(m -> m.type().equals("cadence") ? new EmailContext.Moment(m.type(), m.date(), "") : m)
			.orElse(EmailContext.Moment.NONE);
	}

	/**
	 * The context the prefilled intro of this introduction is rendered with, as its emails render it: the referrer's
	 * introduction page shows the same words.
	 */
	EmailContext introContext(Introduction intro, Contact referrer) {
		EmailContext.Moment moment = moment(intro);
		return context(intro, referrer, moment, offers.of(intro, moment.type()));
	}

	private EmailContext context(Introduction intro, Contact referrer, EmailContext.Moment moment,
			Optional<ValueOffers.ValueOffer> offer) {
		return context(intro, referrer).with(moment, offer.map(o -> offers.view(intro, o)).orElse(null));
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

}
