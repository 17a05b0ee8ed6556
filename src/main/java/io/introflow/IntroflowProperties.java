package io.introflow;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where Introflow finds its files and how it names itself in mail.
 *
 * @param home the installation folder; relative folders below are resolved against it
 * @param folders the drop folder, templates and reports
 * @param mail the domains and postal address used in every email
 */
@Validated
@ConfigurationProperties("introflow")
public record IntroflowProperties(@NotNull Path home, @Valid @NotNull Folders folders, @Valid @NotNull Mail mail) {

	/** The folders marketing ops and sales reps work in. */
	public record Folders(@NotNull Path inbox, @NotNull Path templates, @NotNull Path reports) {
	}

	/**
	 * @param firmName the firm's name as clients know it
	 * @param sendingDomain the domain of our Message-IDs
	 * @param replyDomain the domain of {@code reply+token}, {@code intro+token} and
	 * {@code unsubscribe+token}
	 * @param postalAddress the sender's postal address, shown in every footer
	 */
	public record Mail(@NotBlank String firmName, @NotBlank String sendingDomain, @NotBlank String replyDomain,
			@NotBlank String postalAddress) {

		public String replyAddress(String token) {
			return "reply+" + token + "@" + replyDomain;
		}

		public String trackingAddress(String token) {
			return "intro+" + token + "@" + replyDomain;
		}

		public String unsubscribeAddress(String token) {
			return "unsubscribe+" + token + "@" + replyDomain;
		}

	}

}
