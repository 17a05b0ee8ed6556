package io.introflow.intro;

import java.time.LocalDate;

/**
 * One attempt to be introduced by one referrer, identified in every address by its
 * unguessable token.
 */
public record Introduction(long id, String token, String referrerEmail, String ownerEmail, String ownerName,
		String prospectName, String prospectEmail, String prospectCompany, String segment, String variant,
		IntroState state, String nextStep, LocalDate nextStepDue, LocalDate createdOn, String introForm) {

	public boolean isOptIn() {
		return "optin".equals(introForm);
	}

}
