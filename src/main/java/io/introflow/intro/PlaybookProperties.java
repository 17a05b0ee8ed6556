package io.introflow.intro;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How introductions are made, edited by marketing ops in
 * {@code batch-config/introflow.yml}; the sequences themselves are in
 * {@code batch-config/sequences.yml}.
 *
 * @param outOfOfficeDefaultDays how far an out-of-office reply postpones the next step
 * when it states no date
 * @param variants the template variants new introductions are spread over (A/B tests), by
 * default just {@code a}
 * @param introForms per segment, {@code direct} (the three-way intro) or {@code optin}
 * (ask the prospect first)
 */
@Validated
@ConfigurationProperties("introflow.playbook")
public record PlaybookProperties(@Min(1) int outOfOfficeDefaultDays, List<String> variants,
		Map<String, String> introForms) {

	public static final Set<String> FORMS = Set.of("direct", "optin");

	public PlaybookProperties {
		variants = (variants == null || variants.isEmpty()) ? List.of("a") : List.copyOf(variants);
		introForms = (introForms == null) ? Map.of() : Map.copyOf(introForms);
		for (String v : variants) {
			if (!v.matches("[a-z0-9][a-z0-9_-]{0,19}")) {
				throw new IllegalArgumentException("introflow.playbook.variants: '" + v
						+ "' is not a variant name (letters, digits, '-' and '_')");
			}
		}
		introForms.forEach((segment, form) -> {
			if (!FORMS.contains(form)) {
				throw new IllegalArgumentException(
						"introflow.playbook.intro-forms." + segment + " must be direct or optin, not '" + form + "'");
			}
		});
	}

	/**
	 * A/B assignment: stable for a referrer, so one person always sees the same variant.
	 */
	public String variantFor(String referrerEmail) {
		return variants.get(Math.floorMod(referrerEmail.hashCode(), variants.size()));
	}

	/**
	 * The prefilled intro's form for a segment: {@code direct} unless configured
	 * otherwise.
	 */
	public String introFormFor(String segment) {
		return introForms.getOrDefault(segment, "direct");
	}

}
