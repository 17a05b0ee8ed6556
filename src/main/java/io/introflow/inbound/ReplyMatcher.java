package io.introflow.inbound;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;

/**
 * Finds the introduction a message belongs to, in this order: the token in any recipient
 * address ({@code intro+}, {@code unsubscribe+}, {@code bounce+}, {@code reply+}); the
 * thread ({@code In-Reply-To} and {@code References} naming one of our Message-IDs, or a
 * stored inbound message already matched, such as the intro copy); one of our Message-IDs
 * quoted anywhere in the message (a bounce returning our email); the sender's address
 * (or, for a bounce, the failed recipient's) against open introductions.
 */
@Component
public class ReplyMatcher {

	private static final List<String> RECIPIENT_HEADERS = List.of("To", "Cc", "Delivered-To", "X-Original-To",
			"Envelope-To");

	private final IntroductionRepository introductions;

	private final IntroflowProperties properties;

	private final InboundStore store;

	ReplyMatcher(IntroductionRepository introductions, IntroflowProperties properties, InboundStore store) {
		this.introductions = introductions;
		this.properties = properties;
		this.store = store;
	}

	/** How a message was matched, strongest first. */
	public enum Via {

		TRACKING_ADDRESS, UNSUBSCRIBE_ADDRESS, BOUNCE_ADDRESS, REPLY_ADDRESS, INTRO_THREAD, THREAD, QUOTED_ID, SENDER,
		BOUNCED_RECIPIENT, NONE

	}

	/**
	 * The introduction a message belongs to (null when unmatched) and how it was found.
	 */
	public record Match(Introduction intro, Via via, String address, String replyDomain, String ownerEmail) {
	}

	/**
	 * @param message the message's headers
	 * @param quotedIds our Message-IDs quoted anywhere in the message, in order (see
	 * {@link #ourMessageId})
	 * @param bouncedRecipient for a bounce, the address that failed (else null)
	 */
	public Match match(MimeMessage message, List<String> quotedIds, String bouncedRecipient) throws MessagingException {
		String domain = properties.mail().replyDomain().toLowerCase(Locale.ROOT);
		Pattern tokenAddress = Pattern
			.compile("^(intro|unsubscribe|bounce|reply)\\+([a-z0-9]+)@" + Pattern.quote(domain) + "$");
		Match best = null;
		for (String address : recipients(message)) {
			Matcher m = tokenAddress.matcher(address);
			if (m.matches()) {
				Via via = switch (m.group(1)) {
					case "intro" -> Via.TRACKING_ADDRESS;
					case "unsubscribe" -> Via.UNSUBSCRIBE_ADDRESS;
					case "bounce" -> Via.BOUNCE_ADDRESS;
					default -> Via.REPLY_ADDRESS;
				};
				Optional<Introduction> intro = introductions.findByToken(m.group(2));
				if (intro.isPresent() && (best == null || via.ordinal() < best.via().ordinal())) {
					best = match(intro.get(), via, address);
				}
			}
		}
		if (best != null) {
			return best;
		}
		Pattern ourId = ourMessageId(properties.mail().sendingDomain());
		List<String> thread = new ArrayList<>();
		for (String header : List.of("In-Reply-To", "References")) {
			String value = message.getHeader(header, " ");
			if (value != null) {
				Matcher ids = Pattern.compile("<[^<>\\s]+>").matcher(value);
				while (ids.find()) {
					thread.add(ids.group());
				}
			}
		}
		for (String id : thread) {
			Matcher m = ourId.matcher(id);
			if (m.matches()) {
				Optional<Introduction> intro = introductions.findByToken(m.group(1));
				if (intro.isPresent()) {
					return match(intro.get(), Via.THREAD, id);
				}
			}
		}
		Optional<InboundStore.Matched> earlier = store.matchedAmong(thread);
		if (earlier.isPresent()) {
			Optional<Introduction> intro = introductions.findById(earlier.get().introductionId());
			if (intro.isPresent()) {
				boolean introThread = Classification.Kind.INTRO_MADE.name().equals(earlier.get().classification())
						|| Classification.Kind.PROSPECT_ENGAGED.name().equals(earlier.get().classification());
				return match(intro.get(), introThread ? Via.INTRO_THREAD : Via.THREAD, earlier.get().messageId());
			}
		}
		for (String id : quotedIds) {
			Matcher quoted = ourId.matcher(id);
			Optional<Introduction> intro = quoted.matches() ? introductions.findByToken(quoted.group(1))
					: Optional.empty();
			if (intro.isPresent()) {
				return match(intro.get(), Via.QUOTED_ID, id);
			}
		}
		String sender = sender(message);
		if (sender != null && bouncedRecipient == null) {
			Optional<Introduction> open = introductions.findOpenByReferrer(sender);
			if (open.isPresent()) {
				return match(open.get(), Via.SENDER, sender);
			}
		}
		if (bouncedRecipient != null) {
			Optional<Introduction> open = introductions.findOpenByReferrer(bouncedRecipient);
			if (open.isPresent()) {
				return match(open.get(), Via.BOUNCED_RECIPIENT, bouncedRecipient);
			}
		}
		return new Match(null, Via.NONE, sender, domain, null);
	}

	private Match match(Introduction intro, Via via, String address) {
		return new Match(intro, via, address, properties.mail().replyDomain().toLowerCase(Locale.ROOT),
				intro.ownerEmail());
	}

	/**
	 * One of our Message-IDs, {@code <step.token@sending-domain>}; group 1 is the token.
	 */
	static Pattern ourMessageId(String sendingDomain) {
		return Pattern.compile("<[a-z0-9-]+\\.([a-z0-9]+)@" + Pattern.quote(sendingDomain) + ">",
				Pattern.CASE_INSENSITIVE);
	}

	/**
	 * The address in {@code From}, lower case; null when there is none or it cannot be
	 * parsed, even leniently (a message with a broken {@code From} is still read: it
	 * matches by token or thread, or by nothing).
	 */
	static String sender(MimeMessage message) throws MessagingException {
		String from = message.getHeader("From", ",");
		if (from == null) {
			return null;
		}
		try {
			InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
			if (addresses.length > 0 && addresses[0].getAddress() != null && !addresses[0].getAddress().isBlank()) {
				return addresses[0].getAddress().toLowerCase(Locale.ROOT);
			}
		}
		catch (AddressException ex) {
			// no usable sender
		}
		return null;
	}

	static List<String> recipients(MimeMessage message) throws MessagingException {
		Set<String> found = new LinkedHashSet<>();
		for (String header : RECIPIENT_HEADERS) {
			String[] values = message.getHeader(header);
			if (values == null) {
				continue;
			}
			for (String value : values) {
				try {
					for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
						if (address.getAddress() != null) {
							found.add(address.getAddress().toLowerCase(Locale.ROOT));
						}
					}
				}
				catch (AddressException ex) {
					// a malformed header cannot carry our token; the others may
				}
			}
		}
		return new ArrayList<>(found);
	}

}
