package io.introflow.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a template may show about one introduction. Templates see it as plain maps
 * of strings, never as Java objects, so they cannot call methods on anything.
 *
 * @param introPageUrl the referrer's introduction page
 * ({@code <public-base-url>/i/<token>}), or blank when there is none (no public base URL,
 * or an email that carries no prefilled intro); templates see it as
 * {@code forward.pageUrl}
 */
public record EmailContext(Person referrer, Person owner, Person prospect, String firmName, String postalAddress,
		String token, String replyAddress, String trackingAddress, String unsubscribeAddress, Moment trigger,
		Offer offer, String introPageUrl) {

	public EmailContext {
		trigger = (trigger != null) ? trigger : Moment.NONE;
		introPageUrl = (introPageUrl != null) ? introPageUrl.strip() : "";
	}

	/** A context with no introduction page. */
	public EmailContext(Person referrer, Person owner, Person prospect, String firmName, String postalAddress,
			String token, String replyAddress, String trackingAddress, String unsubscribeAddress, Moment trigger,
			Offer offer) {
		this(referrer, owner, prospect, firmName, postalAddress, token, replyAddress, trackingAddress,
				unsubscribeAddress, trigger, offer, "");
	}

	/** A context with no trigger known (type {@code manual}) and no value offer. */
	public EmailContext(Person referrer, Person owner, Person prospect, String firmName, String postalAddress,
			String token, String replyAddress, String trackingAddress, String unsubscribeAddress) {
		this(referrer, owner, prospect, firmName, postalAddress, token, replyAddress, trackingAddress,
				unsubscribeAddress, Moment.NONE, null);
	}

	/** This context with another trigger and offer (null: no offer). */
	public EmailContext with(Moment moment, Offer valueOffer) {
		return new EmailContext(referrer, owner, prospect, firmName, postalAddress, token, replyAddress,
				trackingAddress, unsubscribeAddress, moment, valueOffer, introPageUrl);
	}

	/** This context with the referrer's introduction page (blank: none). */
	public EmailContext withIntroPage(String url) {
		return new EmailContext(referrer, owner, prospect, firmName, postalAddress, token, replyAddress,
				trackingAddress, unsubscribeAddress, trigger, offer, url);
	}

	/**
	 * The trigger an introduction came from, as templates see it: {@code trigger.type},
	 * {@code trigger.date} (ISO, such as 2026-03-01; blank when unknown),
	 * {@code trigger.note} and {@code trigger.hasNote}.
	 */
	public record Moment(String type, String date, String note) {

		/** An introduction with no trigger row, such as one made by hand. */
		public static final Moment NONE = new Moment("manual", "", "");

		public Moment {
			type = (type != null && !type.isBlank()) ? type : "manual";
			date = (date != null) ? date : "";
			note = (note != null) ? note.strip() : "";
		}

		Map<String, Object> toModel() {
			return Map.of("type", type, "date", date, "note", note, "hasNote", !note.isEmpty());
		}

	}

	/**
	 * The value offer of an introduction (batch-config/value-offers.yml).
	 *
	 * @param url the link, or blank when the offer is an attachment
	 * @param attachmentName the attached file's name, or blank when the offer is a link
	 * @param delivered whether the value email carrying it was sent (the outbox says
	 * SENT)
	 */
	public record Offer(String id, String title, String description, String url, String attachmentName,
			boolean delivered) {

		public Offer {
			description = (description != null) ? description : "";
			url = (url != null) ? url : "";
			attachmentName = (attachmentName != null) ? attachmentName : "";
		}

		Map<String, Object> toModel() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("id", id);
			m.put("title", title);
			m.put("description", description);
			m.put("url", url);
			m.put("attachmentName", attachmentName);
			m.put("hasUrl", !url.isEmpty());
			m.put("hasAttachment", !attachmentName.isEmpty());
			m.put("delivered", delivered);
			return m;
		}

	}

	/** A person as templates see them; blank strings, never null, for unknown fields. */
	public record Person(String name, String email, String company, Map<String, String> attributes) {

		public Person {
			name = (name != null) ? name : "";
			email = (email != null) ? email : "";
			company = (company != null) ? company : "";
			attributes = (attributes != null) ? Map.copyOf(attributes) : Map.of();
		}

		public Person(String name, String email, String company) {
			this(name, email, company, Map.of());
		}

		public String firstName() {
			int space = name.indexOf(' ');
			return (space > 0) ? name.substring(0, space) : name;
		}

		Map<String, Object> toModel() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("name", name);
			m.put("firstName", firstName());
			m.put("email", email);
			m.put("company", company);
			m.put("attributes", attributes);
			return m;
		}

	}

	Map<String, Object> toModel() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("referrer", referrer.toModel());
		m.put("owner", owner.toModel());
		m.put("prospect", prospect.toModel());
		m.put("hasProspect", !prospect.email().isEmpty() || !prospect.name().isEmpty());
		m.put("firm", Map.of("name", firmName, "postalAddress", postalAddress));
		m.put("intro", Map.of("token", token, "replyAddress", replyAddress, "trackingAddress", trackingAddress));
		m.put("unsubscribe", Map.of("mailto", "mailto:" + unsubscribeAddress + "?subject=unsubscribe", "address",
				unsubscribeAddress));
		m.put("trigger", trigger.toModel());
		if (offer != null) {
			// absent rather than empty, so that templates ask offer?? and never show a
			// blank title
			m.put("offer", offer.toModel());
		}
		return m;
	}

}
