package io.introflow.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.introflow.Tx;
import io.introflow.contact.ContactRepository;
import io.introflow.intro.IntroEvents;
import io.introflow.intro.IntroState;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;
import io.introflow.intro.PlaybookProperties;

/**
 * Interprets stored messages and applies their effects: state moves through the state machine, postponed steps,
 * suppressions, each recorded as an event naming the inbound message. A message that cannot be parsed is marked
 * {@code UNREADABLE} and reported; it never fails the step.
 */
@Component
public class ReplyProcessor {

	private static final Logger log = LoggerFactory.getLogger(ReplyProcessor.class);

	private final InboundStore store;

	private final ReplyMatcher matcher;

	private final ReplyClassifier classifier;

	private final IntroEvents events;

	private final IntroductionRepository introductions;

	private final ContactRepository contacts;

	private final PlaybookProperties playbook;

	private final Tx tx;

	private final Session session = Session.getInstance(new Properties());

	ReplyProcessor(InboundStore store, ReplyMatcher matcher, ReplyClassifier classifier, IntroEvents events,
			IntroductionRepository introductions, ContactRepository contacts, PlaybookProperties playbook, Tx tx) {
		this.store = store;
		this.matcher = matcher;
		this.classifier = classifier;
		this.events = events;
		this.introductions = introductions;
		this.contacts = contacts;
		this.playbook = playbook;
		this.tx = tx;
	}

	/** @return how many messages of each class (and unmatched, as null key) were processed */
	public Map<Classification.Kind, Integer> processStored(LocalDate day) {
		Map<Classification.Kind, Integer> counts = new EnumMap<>(Classification.Kind.class);
		for (InboundStore.Stored stored : store.unprocessed()) {
			Classification.Kind kind = tx.inNew(() -> process(stored, day));
			if (kind != null) {
				counts.merge(kind, 1, Integer::sum);
			}
		}
		return counts;
	}

	private Classification.Kind process(InboundStore.Stored stored, LocalDate day) {
		String cause = "inbound:" + stored.id();
		MimeMessage message;
		String sender = null;
		String subject = null;
		try {
			message = new MimeMessage(session, new ByteArrayInputStream(stored.raw()));
			sender = ReplyMatcher.sender(message);
			subject = message.getSubject();
			ReplyMatcher.Match match = matcher.match(message);
			if (match.intro() == null) {
				store.markProcessed(stored.id(), sender, subject, null, "no token, thread or open introduction", null);
				log.warn("Inbound {} from {} ('{}') matches no introduction; kept for review", stored.id(), sender,
						subject);
				return null;
			}
			Classification c = classifier.classify(message, match);
			apply(match, c, day, cause, sender);
			store.markProcessed(stored.id(), sender, subject, c.kind().name(),
					"matched via " + match.via() + " (" + match.address() + "); " + c.evidence(), match.intro().id());
			return c.kind();
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			store.markProcessed(stored.id(), sender, subject, Classification.Kind.UNREADABLE.name(),
					String.valueOf(ex.getMessage()), null);
			log.warn("Inbound {} could not be read ({}); stored and reported, not interpreted", stored.id(),
					ex.getMessage());
			return Classification.Kind.UNREADABLE;
		}
	}

	private void apply(ReplyMatcher.Match match, Classification c, LocalDate day, String cause, String sender) {
		Introduction intro = match.intro();
		if (c.kind() == Classification.Kind.INTRO_MADE && intro.isOptIn()
				&& intro.referrerEmail().equalsIgnoreCase(sender)) {
			// double opt-in: the client has asked the prospect; the introduction is made when the prospect answers
			events.move(intro, IntroState.AGREED, day, cause,
					"asked " + String.join(", ", c.addresses()) + " whether an introduction is welcome");
			return;
		}
		switch (c.kind()) {
			case AUTO_REPLY -> postpone(intro, c, day, cause);
			case UNSUBSCRIBE -> {
				contacts.suppress(intro.referrerEmail(), "unsubscribed", cause);
				introductions.scheduleNextStep(intro.id(), null, null);
				events.move(intro, IntroState.OPTED_OUT, day, cause, c.evidence());
			}
			case INTRO_MADE -> {
				if (events.move(intro, IntroState.INTRODUCED, day, cause,
						"prospect: " + String.join(", ", c.addresses()))) {
					introductions.scheduleNextStep(intro.id(), "thank-you", day);
				}
			}
			case DECLINED -> {
				if (events.move(intro, IntroState.DECLINED, day, cause, c.evidence())) {
					introductions.scheduleNextStep(intro.id(), null, null);
				}
			}
			case AGREED -> events.move(intro, IntroState.AGREED, day, cause, c.evidence());
			default -> events.record(intro.id(), day, "NEEDS_OWNER", cause,
					"a person replied; " + intro.ownerEmail() + " should answer: " + c.evidence());
		}
	}

	private void postpone(Introduction intro, Classification c, LocalDate day, String cause) {
		LocalDate back = (c.returnDate() != null && c.returnDate().isAfter(day)) ? c.returnDate()
				: day.plusDays(playbook.outOfOfficeDefaultDays());
		if (intro.nextStep() != null && (intro.nextStepDue() == null || intro.nextStepDue().isBefore(back))) {
			introductions.scheduleNextStep(intro.id(), intro.nextStep(), back);
			events.record(intro.id(), day, "POSTPONED", cause,
					"out of office (" + c.evidence() + "): " + intro.nextStep() + " moved to " + back);
		}
		else {
			events.record(intro.id(), day, "AUTO_REPLY", cause, c.evidence() + "; nothing due to postpone");
		}
	}

}
