package io.introflow.offer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.introflow.IntroflowException;
import io.introflow.trigger.Trigger;

/**
 * The useful things a value email gives away, edited by marketing ops in
 * {@code batch-config/value-offers.yml}. An unknown key, a missing field or a wrong value
 * stops every command at start (exit code 2).
 *
 * @param offers in order: the first whose segments and trigger types match an
 * introduction is its offer
 * @param defaultOffer the id of the offer for introductions no offer matches; none when
 * blank
 */
@ConfigurationProperties(prefix = "introflow.value-offers", ignoreUnknownFields = false)
public record ValueOfferProperties(List<Offer> offers, String defaultOffer) {

	public ValueOfferProperties {
		offers = (offers != null) ? List.copyOf(offers) : List.of();
		defaultOffer = (defaultOffer != null && !defaultOffer.isBlank()) ? defaultOffer.strip() : null;
		Set<String> ids = new HashSet<>();
		for (Offer offer : offers) {
			if (!ids.add(offer.id())) {
				throw new IntroflowException("introflow.value-offers.offers: id '" + offer.id() + "' is used twice");
			}
		}
		if (defaultOffer != null && !ids.contains(defaultOffer)) {
			throw new IntroflowException("introflow.value-offers.default-offer '" + defaultOffer
					+ "' is not the id of an offer (ids: " + String.join(", ", ids) + ")");
		}
	}

	/**
	 * One offer: a link or a file attached to the value email.
	 *
	 * @param id names the offer in the database and the history; never change it once
	 * used
	 * @param title what it is, in a few words
	 * @param description one line on why it helps
	 * @param url an {@code https} link, or blank when the offer is an attachment
	 * @param attachment a file under the home folder, such as
	 * {@code batch-config/offers/checklist.pdf}, or blank for a link
	 * @param segments the segments it is for; empty: every segment
	 * @param triggerTypes the trigger types it is for ({@code go_live},
	 * {@code cadence}...); empty: every type
	 */
	public record Offer(String id, String title, String description, String url, String attachment,
			List<String> segments, List<String> triggerTypes) {

		public Offer {
			id = required("id", id, id);
			title = required("title", title, id);
			description = (description != null) ? description.strip() : "";
			url = (url != null && !url.isBlank()) ? url.strip() : null;
			attachment = (attachment != null && !attachment.isBlank()) ? attachment.strip() : null;
			segments = (segments != null) ? List.copyOf(segments) : List.of();
			triggerTypes = (triggerTypes != null) ? List.copyOf(triggerTypes) : List.of();
			if ((url == null) == (attachment == null)) {
				throw new IntroflowException("value offer '" + id + "' needs either a url or an attachment, not "
						+ ((url == null) ? "neither" : "both"));
			}
			if (url != null) {
				checkUrl(id, url);
			}
			for (String type : triggerTypes) {
				if (!Trigger.TYPES.contains(type)) {
					throw new IntroflowException("value offer '" + id + "': trigger type '" + type + "' is not one of "
							+ String.join(", ", Trigger.TYPES.stream().sorted().toList()));
				}
			}
			if (description.contains("\n") || description.contains("\r")) {
				throw new IntroflowException("value offer '" + id + "': description must be one line");
			}
		}

		boolean matches(String segment, String triggerType) {
			return (segments.isEmpty() || segments.contains(segment))
					&& (triggerTypes.isEmpty() || triggerTypes.contains(triggerType));
		}

		private static String required(String field, String value, String id) {
			if (value == null || value.isBlank()) {
				throw new IntroflowException("value offer '" + id + "': " + field + " is missing");
			}
			return value.strip();
		}

		private static void checkUrl(String id, String url) {
			try {
				URI uri = new URI(url);
				if (!"https".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))
						|| uri.getHost() == null) {
					throw new IntroflowException(
							"value offer '" + id + "': url '" + url + "' must be an https:// link with a host");
				}
			}
			catch (URISyntaxException ex) {
				throw new IntroflowException(
						"value offer '" + id + "': url '" + url + "' is not a link: " + ex.getReason());
			}
		}

	}

}
