package io.introflow.intro;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.introflow.outbound.Outbox;

/**
 * The subject and threading headers of a follow-up, from the emails of its thread that
 * were delivered. Mail programs thread by {@code In-Reply-To} and {@code References}
 * (Gmail also wants the same subject after "Re:"), so a follow-up answers the latest
 * email of the thread the referrer received, and lists the thread oldest first (RFC 5322
 * 3.6.4). With nothing delivered there is nothing to follow: the email starts a thread of
 * its own and does not pretend to be a reply.
 *
 * @param subject the subject to send
 * @param inReplyTo the Message-ID (with angle brackets) answered; null for a new thread
 * @param references the thread's Message-IDs, oldest first; empty for a new thread
 */
record ThreadHeaders(String subject, String inReplyTo, List<String> references) {

	/**
	 * The thread's first email and its latest ones: as mail programs trim long
	 * References, keeping the start.
	 */
	static final int MAX_REFERENCES = 10;

	private static final Pattern REPLY_PREFIX = Pattern.compile("^(\\s*re\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

	/**
	 * @param thread the delivered emails of the thread, oldest first
	 * @param templateSubject the subject the step's template rendered, used (without any
	 * "Re:") for a new thread
	 */
	static ThreadHeaders follow(List<Outbox.Sent> thread, String templateSubject) {
		if (thread.isEmpty()) {
			return new ThreadHeaders(withoutReplyPrefix(templateSubject), null, List.of());
		}
		List<String> ids = new ArrayList<>();
		for (Outbox.Sent email : thread) {
			ids.add("<" + email.messageId() + ">");
		}
		if (ids.size() > MAX_REFERENCES) {
			List<String> kept = new ArrayList<>(List.of(ids.get(0)));
			kept.addAll(ids.subList(ids.size() - (MAX_REFERENCES - 1), ids.size()));
			ids = kept;
		}
		Outbox.Sent latest = thread.get(thread.size() - 1);
		return new ThreadHeaders("Re: " + withoutReplyPrefix(latest.subject()), ids.get(ids.size() - 1),
				List.copyOf(ids));
	}

	/**
	 * "Re: Re: the intro" is "the intro"; a subject that is nothing but "Re:" stays as it
	 * is.
	 */
	static String withoutReplyPrefix(String subject) {
		String stripped = REPLY_PREFIX.matcher(subject).replaceFirst("");
		return stripped.isBlank() ? subject : stripped;
	}

}
