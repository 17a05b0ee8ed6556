package io.introflow.trigger;

import java.time.LocalDate;
import java.util.Set;

/**
 * A moment worth acting on, optionally naming the prospect the rep would like to meet.
 */
public record Trigger(Long id, String contactEmail, String type, LocalDate occurredOn, String note,
		String prospectName, String prospectEmail, String prospectCompany, String source) {

	public static final Set<String> TYPES = Set.of("nps_promoter", "go_live", "praise", "renewal", "testimonial",
			"cadence", "manual");

}
