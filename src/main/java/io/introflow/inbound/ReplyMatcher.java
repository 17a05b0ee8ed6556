package io.introflow.inbound;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.intro.Introduction;
import io.introflow.intro.IntroductionRepository;

/**
 * Finds the introduction a message belongs to: first the token in any recipient address, then our Message-IDs in
 * {@code In-Reply-To}/{@code References}, then the sender's address against open introductions.
 */
@Component
public class ReplyMatcher {

	private static final List<String> RECIPIENT_HEADERS = List.of("To", "Cc", "Delivered-To", "X-Original-To",
			"Envelope-To");

	private final IntroductionRepository introductions;

	private final IntroflowProperties properties;

	ReplyMatcher(IntroductionRepository introductions, IntroflowProperties properties) {
		this.introductions = introductions;
		this.properties = properties;
	}

	/** How a message was matched. */
	public enum Via {

		TRACKING_ADDRESS, UNSUBSCRIBE_ADDRESS, REPLY_ADDRESS, THREAD, SENDER, NONE

	}

	/** The introduction a message belongs to (null when unmatched) and how it was found. */
	public record Match(Introduction intro, Via via, String address, String replyDomain, String ownerEmail) {
	}

	public Match match(MimeMessage message) throws MessagingException {
		String domain = properties.mail().replyDomain().toLowerCase(Locale.ROOT);
		Pattern tokenAddress = Pattern.compile("^(intro|unsubscribe|reply)\\+([a-z0-9]+)@" + Pattern.quote(domain) + "$");
		Match best = null;
		for (String address : recipients(message)) {
			Matcher m = tokenAddress.matcher(address);
			if (m.matches()) {
				Via via = switch (m.group(1)) {
					case "intro" -> Via.TRACKING_ADDRESS;
					case "unsubscribe" -> Via.UNSUBSCRIBE_ADDRESS;
					default -> Via.REPLY_ADDRESS;
				};
				Optional<Introduction> intro = introductions.findByToken(m.group(2));
				if (intro.isPresent() && (best == null || via.ordinal() < best.via().ordinal())) {
					best = new Match(intro.get(), via, address, domain, intro.get().ownerEmail());
				}
			}
		}
		if (best != null) {
			return best;
		}
		Pattern ourId = Pattern.compile("<[a-z-]+\\.([a-z0-9]+)@" + Pattern.quote(properties.mail().sendingDomain())
				+ ">", Pattern.CASE_INSENSITIVE);
		for (String header : List.of("In-Reply-To", "References")) {
			String value = message.getHeader(header, " ");
			if (value != null) {
				Matcher m = ourId.matcher(value);
				while (m.find()) {
					Optional<Introduction> intro = introductions.findByToken(m.group(1));
					if (intro.isPresent()) {
						return new Match(intro.get(), Via.THREAD, m.group(), domain, intro.get().ownerEmail());
					}
				}
			}
		}
		String sender = sender(message);
		if (sender != null) {
			Optional<Introduction> open = introductions.findOpenByReferrer(sender);
			if (open.isPresent()) {
				return new Match(open.get(), Via.SENDER, sender, domain, open.get().ownerEmail());
			}
		}
		return new Match(null, Via.NONE, sender, domain, null);
	}

	static String sender(MimeMessage message) throws MessagingException {
		Address[] from = message.getFrom();
		if (from != null && from.length > 0 && from[0] instanceof InternetAddress ia && ia.getAddress() != null) {
			return ia.getAddress().toLowerCase(Locale.ROOT);
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
