package io.introflow.intro;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The timing of the default sequence, edited by marketing ops in {@code batch-config/introflow.yml}.
 *
 * @param askAfterDays days between the value email and the introduction request
 * @param outOfOfficeDefaultDays how far an out-of-office reply postpones the next step when it states no date
 * @param variant the template variant new introductions use
 */
@Validated
@ConfigurationProperties("introflow.playbook")
public record PlaybookProperties(@Min(0) int askAfterDays, @Min(1) int outOfOfficeDefaultDays,
		@NotBlank String variant) {
}
