package io.introflow.trigger;

import java.time.LocalDate;
import java.util.Set;

/**
 * A moment worth acting on, optionally naming the prospect the rep would like to meet.
 */
public record Trigger(Long id, String contactEmail, String type, LocalDate occurredOn, String note, String prospectName,
		String prospectEmail, String prospectCompany, String source) {

	/** Lifts the pauses of the contact and their company. */
	public static final String RESUME = "resume";

	/**
	 * Moments to ask ({@code nps_promoter} ... {@code manual}), and moments not to:
	 * {@code escalation}, {@code nps_detractor} and {@code pause} pause the account,
	 * {@code resume} lifts the pause.
	 */
	public static final Set<String> TYPES = Set.of("nps_promoter", "go_live", "praise", "renewal", "testimonial",
			"cadence", "manual", "escalation", "nps_detractor", "pause", RESUME);

}
