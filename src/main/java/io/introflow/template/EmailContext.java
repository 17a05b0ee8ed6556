package io.introflow.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a template may show about one introduction. Templates see it as plain maps of strings, never as Java
 * objects, so they cannot call methods on anything.
 */
public record EmailContext(Person referrer, Person owner, Person prospect, String firmName, String postalAddress,
		String token, String replyAddress, String trackingAddress, String unsubscribeAddress) {

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
		m.put("unsubscribe", Map.of("mailto", "mailto:" + unsubscribeAddress + "?subject=unsubscribe",
				"address", unsubscribeAddress));
		return m;
	}

}
