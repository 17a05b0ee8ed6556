package io.introflow.inbound;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.intro.IntroState;
import io.introflow.intro.Introduction;

/**
 * Decides what an inbound message means, in this order of precedence: bounce
 * ({@link #bounce}), auto-reply, unsubscribe, the intro copy, the prospect's answer on
 * the intro thread, then a person's answer to the ask (not the right person, declined,
 * agreed, a question for the owner, or {@code NEEDS_REVIEW} when it cannot be read with
 * confidence). Each decision carries the evidence for it.
 */
@Component
public class ReplyClassifier {

	private static final List<String> AUTO_HEADERS = List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder");

	/**
	 * A name given after a "try someone else" phrase: two to four words after "ask",
	 * "an", "à", "met"...
	 */
	private static final Pattern NAME = Pattern
		.compile("(?:(?<!\\p{L})(?:ask|contact|try|to|with|e\\.g\\.|an|mit|à|a|met|com"
				+ "|con)\\s+)(\\p{Lu}[\\p{L}'-]+(?:\\s+(?:van|von|de|da|der|den|\\p{Lu}[\\p{L}'-]+)){1,3})");

	/**
	 * A question mark in any script: Latin, the Spanish opening one, full-width (Chinese,
	 * Japanese), Arabic.
	 */
	private static final Pattern QUESTION_MARK = Pattern.compile("[?\u00bf\uff1f\u061f]");

	private final ReplyPhrases phrases;

	private final IntroflowProperties properties;

	public ReplyClassifier(ReplyPhrases phrases, IntroflowProperties properties) {
		this.phrases = phrases;
		this.properties = properties;
	}

	/**
	 * A bounce, whatever it matches: read before matching, since its failed recipient
	 * helps find the introduction.
	 */
	public Optional<Classification> bounce(MimeMessage message) throws MessagingException, IOException {
		return bounce(report(message));
	}

	/**
	 * What the message is as a delivery report: a bounce, a report of a delivery that
	 * went well, or neither.
	 */
	BounceReader.Report report(MimeMessage message) throws MessagingException, IOException {
		return BounceReader.report(message, ourDomains());
	}

	Optional<Classification> bounce(BounceReader.Report report) {
		if (!(report instanceof BounceReader.Failed failed)) {
			return Optional.empty();
		}
		BounceReader.Bounce b = failed.bounce();
		return Optional.of(new Classification(Classification.Kind.BOUNCE, b.evidence(), null, b.recipients(),
				b.status() + " " + b.reason().label()));
	}

	/**
	 * What a message that is not a bounce means (callers read {@link #bounce} first: it
	 * also helps matching).
	 * @param message the message's headers
	 * @param text the whole text of the message ({@link ReplyText#full}), quotes included
	 * @param written what the person wrote in it ({@link ReplyText#newText})
	 * @param day the day of the run; with the message's own date (the earlier of the two)
	 * it is the reference for a return date, which must lie after it
	 */
	public Classification classify(MimeMessage message, String text, String written, ReplyMatcher.Match match,
			LocalDate day) throws MessagingException {
		Optional<String> auto = autoReply(message);
		if (auto.isPresent()) {
			LocalDate sent = (message.getSentDate() != null)
					? message.getSentDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate() : day;
			LocalDate writtenOn = sent.isBefore(day) ? sent : day;
			LocalDate back = ReturnDate.in(String.valueOf(message.getSubject()) + "\n" + text, writtenOn);
			return new Classification(Classification.Kind.AUTO_REPLY,
					auto.get() + (back != null ? "; back on " + back : "; no return date stated"), back, List.of(),
					null);
		}
		if (match.via() == ReplyMatcher.Via.UNSUBSCRIBE_ADDRESS) {
			return Classification.of(Classification.Kind.UNSUBSCRIBE, "sent to " + match.address());
		}
		String head = written.length() > 600 ? written.substring(0, 600) : written;
		String phrase = firstMatch(phrases.unsubscribe(), head);
		if (phrase != null && head.length() < 160) {
			return Classification.of(Classification.Kind.UNSUBSCRIBE, "short reply says '" + phrase + "'");
		}
		String sender = ReplyMatcher.sender(message);
		Introduction intro = match.intro();
		if (intro != null
				&& (match.via() == ReplyMatcher.Via.TRACKING_ADDRESS || match.via() == ReplyMatcher.Via.INTRO_THREAD)) {
			Classification onThread = introThread(message, match, sender, head);
			if (onThread != null) {
				return onThread;
			}
		}
		return answer(head);
	}

	/**
	 * A message on the intro thread: the intro copy itself, or the prospect (from any
	 * address) answering.
	 */
	private Classification introThread(MimeMessage message, ReplyMatcher.Match match, String sender, String head)
			throws MessagingException {
		Introduction intro = match.intro();
		if (sender != null && sender.equalsIgnoreCase(intro.ownerEmail())) {
			return null; // the rep writing on the thread: read like any other reply from
							// a person
		}
		boolean fromReferrer = sender != null && sender.equalsIgnoreCase(intro.referrerEmail());
		boolean knownProspect = sender != null && sender.equalsIgnoreCase(intro.prospectEmail());
		boolean introYetToCome = intro.state() == IntroState.ASKED || intro.state() == IntroState.VALUE_SENT
				|| intro.state() == IntroState.PLANNED || (intro.state() == IntroState.AGREED && !intro.isOptIn());
		if (fromReferrer || (!knownProspect && match.via() == ReplyMatcher.Via.TRACKING_ADDRESS && introYetToCome
				&& message.getHeader("In-Reply-To") == null)) {
			return new Classification(Classification.Kind.INTRO_MADE,
					"copy reached " + match.address()
							+ (fromReferrer ? "" : " from " + sender + " on the referrer's behalf"),
					null, prospects(message, match), null);
		}
		String declined = firstMatch(phrases.declined(), head);
		return new Classification(Classification.Kind.PROSPECT_ENGAGED,
				"the prospect " + sender + " wrote on the " + "intro thread (" + match.via() + ")"
						+ (declined != null ? "; says '" + declined + "'" : ""),
				null, (sender != null) ? List.of(sender) : List.of(), declined != null ? "declined" : null);
	}

	/**
	 * A person's answer to the ask, from its new text. Only an explicit refusal is a
	 * decline: an apology, thanks, "not yet" or "let me think" never is. A reply that
	 * says both yes and no, or that says neither and asks nothing, is
	 * {@code NEEDS_REVIEW}: Introflow does not guess.
	 */
	Classification answer(String head) {
		String phrase = firstMatch(phrases.notRightPerson(), head);
		if (phrase != null) {
			return notRightPerson(phrase, head);
		}
		boolean asks = QUESTION_MARK.matcher(head).find();
		String declined = firstMatch(phrases.declined(), head);
		String notANo = firstMatch(phrases.notANo(), head);
		if (declined != null && notANo != null && indexOf(declined, head) == indexOf(notANo, head)) {
			declined = null; // the "no" of "no problem" or "no worries"
		}
		String agreed = firstMatch(phrases.agreed(), head);
		if (declined != null && (agreed != null || notANo != null)) {
			return Classification.of(Classification.Kind.NEEDS_REVIEW,
					"conflicting: reply says '" + declined + "' and '" + (agreed != null ? agreed : notANo) + "'");
		}
		if (declined != null) {
			Classification c = Classification.of(Classification.Kind.DECLINED, "reply says '" + declined + "'");
			return asks ? c.asking() : c;
		}
		if (agreed != null) {
			Classification c = Classification.of(Classification.Kind.AGREED, "reply says '" + agreed + "'");
			return asks ? c.asking() : c;
		}
		if (asks) {
			return Classification.of(Classification.Kind.QUESTION, "reply asks: " + shown(head));
		}
		return Classification.of(Classification.Kind.NEEDS_REVIEW,
				(notANo != null ? "reply says '" + notANo + "' (not a no, not a yes)" : "no clear yes, no or question")
						+ " in: " + shown(head));
	}

	private Classification notRightPerson(String phrase, String head) {
		int at = indexOf(phrase, head);
		String after = head.substring(at);
		Matcher address = BounceReader.ADDRESS.matcher(after);
		String given = address.find() ? address.group().toLowerCase(Locale.ROOT) : null;
		Matcher name = NAME.matcher(after);
		String person = name.find() ? name.group(1).strip() : null;
		return new Classification(Classification.Kind.NOT_RIGHT_PERSON,
				"reply says '" + phrase + "'" + (person != null ? "; names " + person : "")
						+ (given != null ? "; gives " + given : ""),
				null, (given != null) ? List.of(given) : List.of(), person);
	}

	private static String shown(String head) {
		String shown = head.replaceAll("\\s+", " ").strip();
		return shown.length() > 120 ? shown.substring(0, 120) + "..." : shown;
	}

	/**
	 * Why a message is an automatic reply (RFC 3834 and the headers mail programs use),
	 * or empty.
	 */
	Optional<String> autoReply(MimeMessage message) throws MessagingException {
		String autoSubmitted = message.getHeader("Auto-Submitted", ",");
		if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
			return Optional.of("Auto-Submitted: " + autoSubmitted.strip());
		}
		for (String header : AUTO_HEADERS) {
			if (message.getHeader(header) != null) {
				return Optional.of(header + " header");
			}
		}
		String suppress = message.getHeader("X-Auto-Response-Suppress", ",");
		if (suppress != null && suppress.toLowerCase(Locale.ROOT).matches(".*\\b(all|oof|autoreply)\\b.*")) {
			return Optional.of("X-Auto-Response-Suppress: " + suppress.strip());
		}
		String precedence = message.getHeader("Precedence", ",");
		if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|auto_reply|list")) {
			return Optional.of("Precedence: " + precedence.strip());
		}
		String subject = String.valueOf(message.getSubject());
		String phrase = firstMatch(phrases.outOfOffice(), subject);
		if (phrase != null) {
			return Optional.of("out-of-office subject '" + subject.strip() + "'");
		}
		return Optional.empty();
	}

	/**
	 * The intro copy was addressed to the prospect: every recipient but the owner and our
	 * own addresses.
	 */
	private List<String> prospects(MimeMessage message, ReplyMatcher.Match match) throws MessagingException {
		List<String> found = new ArrayList<>();
		for (String address : ReplyMatcher.recipients(message)) {
			if (!address.endsWith("@" + match.replyDomain()) && !address.equalsIgnoreCase(match.ownerEmail())
					&& !address.equalsIgnoreCase(match.intro().referrerEmail())) {
				found.add(address);
			}
		}
		return found;
	}

	private List<String> ourDomains() {
		return List.of(properties.mail().replyDomain().toLowerCase(Locale.ROOT),
				properties.mail().sendingDomain().toLowerCase(Locale.ROOT));
	}

	static String firstMatch(List<String> candidates, String text) {
		for (String phrase : candidates) {
			if (indexOf(phrase, text) >= 0) {
				return phrase;
			}
		}
		return null;
	}

	/**
	 * Where a phrase matches (at word boundaries, any case; {@code ^} anchors it at the
	 * start), or -1.
	 */
	private static int indexOf(String phrase, String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		boolean anchored = phrase.startsWith("^");
		String p = (anchored ? phrase.substring(1) : phrase).toLowerCase(Locale.ROOT);
		Pattern pattern = Pattern
			.compile((anchored ? "^" : "(?<![\\p{L}\\p{N}])") + Pattern.quote(p) + "(?![\\p{L}\\p{N}])");
		Matcher m = pattern.matcher(lower);
		return m.find() ? m.start() : -1;
	}

}
