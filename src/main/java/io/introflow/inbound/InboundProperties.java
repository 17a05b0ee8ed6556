package io.introflow.inbound;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where replies are read from.
 *
 * @param source {@code imap} (the mailbox in {@code introflow.imap}), {@code folder} (a Maildir or a folder of
 * {@code .eml} files, {@code folder} below) or {@code none}
 * @param folder the Maildir or {@code .eml} folder when {@code source} is {@code folder}
 */
@Validated
@ConfigurationProperties("introflow.inbound")
public record InboundProperties(@NotNull Source source, Path folder) {

	/** The kinds of inbound source. */
	public enum Source {

		IMAP, FOLDER, NONE

	}

}
