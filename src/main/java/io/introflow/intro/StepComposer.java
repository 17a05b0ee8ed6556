package io.introflow.intro;

import java.time.LocalDate;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowException;
import io.introflow.IntroflowProperties;
import io.introflow.Tx;
import io.introflow.contact.Contact;
import io.introflow.contact.ContactRepository;
import io.introflow.outbound.OutgoingEmail;
import io.introflow.outbound.Outbox;
import io.introflow.template.EmailContext;
import io.introflow.template.IntroEmails;
import io.introflow.template.RenderedEmail;

/**
 * Renders every step that is due into the outbox. The outbox row, the state change and the next step are written in
 * one transaction per introduction, so a step is queued exactly once whatever stops the run.
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

	private final PlaybookProperties playbook;

	private final Tx tx;

	StepComposer(IntroductionRepository introductions, IntroEvents events, ContactRepository contacts,
			IntroEmails emails, Outbox outbox, IntroflowProperties properties, PlaybookProperties playbook, Tx tx) {
		this.introductions = introductions;
		this.events = events;
		this.contacts = contacts;
		this.emails = emails;
		this.outbox = outbox;
		this.properties = properties;
		this.playbook = playbook;
		this.tx = tx;
	}

	/** What one pass did: emails queued, and steps that could not be composed (each recorded as an event). */
	public record Result(int queued, int failed) {

		@Override
		public String toString() {
			return queued + " emails queued" + ((failed > 0) ? ", " + failed
					+ " could not be composed (STEP_FAILED in their history; they are tried again next run)" : "");
		}

	}

	/**
	 * Composes every due step, each in its own transaction. A step that cannot be composed (a template that fails for
	 * this contact's data, a value that would be unsafe in a header) is recorded and left due, and the others go on.
	 */
	public Result composeDue(LocalDate day) {
		int queued = 0;
		int failed = 0;
		for (Introduction intro : introductions.findDue(day)) {
			try {
				if (tx.inNew(() -> compose(intro, day))) {
					queued++;
				}
			}
			catch (IntroflowException ex) {
				failed++;
				log.warn("Introduction {}: step {} not composed: {}", intro.token(), intro.nextStep(), ex.getMessage());
				tx.runInNew(() -> events.record(intro.id(), day, "STEP_FAILED", "compose",
						intro.nextStep() + ": " + ex.getMessage()));
			}
		}
		return new Result(queued, failed);
	}

	private boolean compose(Introduction intro, LocalDate day) {
		String step = intro.nextStep();
		Optional<Contact> referrer = contacts.find(intro.referrerEmail());
		if (referrer.isEmpty() || contacts.isSuppressed(intro.referrerEmail())) {
			introductions.scheduleNextStep(intro.id(), null, null);
			if (intro.state().isOpen()) {
				events.move(intro, IntroState.OPTED_OUT, day, "suppression", "referrer is suppressed or unknown");
			}
			return false;
		}
		if (outbox.exists(intro.id(), step)) {
			introductions.scheduleNextStep(intro.id(), null, null);
			return false;
		}
		OutgoingEmail email = draft(intro, referrer.get(), step);
		long outboundId = outbox.enqueue(intro.id(), step, email);
		events.record(intro.id(), day, "STEP_QUEUED", "outbound:" + outboundId, step);
		advance(intro, step, day, outboundId);
		return true;
	}

	private void advance(Introduction intro, String step, LocalDate day, long outboundId) {
		String cause = "outbound:" + outboundId;
		switch (step) {
			case "value" -> {
				events.move(intro, IntroState.VALUE_SENT, day, cause, null);
				introductions.scheduleNextStep(intro.id(), "ask", day.plusDays(playbook.askAfterDays()));
			}
			case "ask" -> {
				events.move(intro, IntroState.ASKED, day, cause, null);
				introductions.scheduleNextStep(intro.id(), null, null);
			}
			case "thank-you" -> introductions.scheduleNextStep(intro.id(), null, null);
			default -> throw new IntroflowException("introduction " + intro.token() + ": unknown step '" + step + "'");
		}
		log.debug("Introduction {}: queued {}", intro.token(), step);
	}

	/** The email of one step of an introduction, rendered from the templates and addressed, not yet queued. */
	public OutgoingEmail draft(Introduction intro, Contact referrer, String step) {
		RenderedEmail rendered = emails.render(step, intro.segment(), intro.variant(), referrer.locale(),
				intro.introForm(), context(intro, referrer));
		return new OutgoingEmail(step + "." + intro.token() + "@" + properties.mail().sendingDomain(),
				intro.ownerEmail(), intro.ownerName(), intro.referrerEmail(), referrer.name(),
				properties.mail().replyAddress(intro.token()), rendered.subject(), rendered.text(), rendered.html(),
				properties.mail().unsubscribeAddress(intro.token()));
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
