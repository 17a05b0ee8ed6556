package io.introflow.contact;

/**
 * A client or partner who may introduce us (the referrer), keyed by lower-case email.
 *
 * @param relationship {@code customer} or {@code partner}
 * @param ownerEmail the employee who owns the relationship and signs the emails
 * @param segment the sequence and template segment, by default the relationship
 */
public record Contact(String email, String name, String company, String relationship, String ownerEmail,
		String ownerName, String segment, String locale, String timeZone, String source) {

	public String firstName() {
		int space = name.indexOf(' ');
		return (space > 0) ? name.substring(0, space) : name;
	}

}
