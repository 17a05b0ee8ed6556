package io.introflow.inbound;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The mailbox that receives {@code reply+token}, {@code intro+token} and
 * {@code unsubscribe+token} mail (a catch-all or sub-addressed mailbox at the reply
 * domain). Credentials come from {@code INTROFLOW_IMAP_USERNAME} and
 * {@code INTROFLOW_IMAP_PASSWORD}. {@code moveTo}: a folder each stored message is moved
 * to (created when missing); empty leaves them in place, flagged seen.
 */
@Validated
@ConfigurationProperties("introflow.imap")
public record ImapProperties(@NotBlank String host, int port, String username, String password, boolean ssl,
		@NotBlank String folder, String moveTo, @NotNull Duration timeout) {
}
