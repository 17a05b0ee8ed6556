package io.introflow.inbound;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where replies are read from, and how much of one message Introflow is willing to read.
 *
 * @param source {@code imap} (the mailbox in {@code introflow.inbound.imap}),
 * {@code folder} (a Maildir or a folder of {@code .eml} files, {@code folder} below) or
 * {@code none}
 * @param folder the Maildir or {@code .eml} folder when {@code source} is {@code folder}
 * @param limits what one message may cost to interpret; beyond it the message is
 * {@code UNREADABLE}
 */
@Validated
@ConfigurationProperties("introflow.inbound")
public record InboundProperties(@NotNull Source source, Path folder, @Valid @DefaultValue Limits limits) {

	/** The kinds of inbound source. */
	public enum Source {

		IMAP, FOLDER, NONE

	}

	/**
	 * Bounds on reading one message. A message beyond any of them is stored, marked
	 * {@code UNREADABLE} with the reason, and listed for a person; the others are read as
	 * usual.
	 *
	 * @param maxDepth how deeply MIME parts may nest (multiparts and attached messages)
	 * @param maxParts how many MIME parts a message may have in all
	 * @param maxHeaderSize how long the header section of a message may be
	 * @param maxTextSize how much of a text part is read to classify it (the rest is
	 * ignored, not refused)
	 * @param timePerMessage how long reading one message may take
	 * @param maxAttachedSize the largest original attached whole to a forward; a larger
	 * one is forwarded with its headers only and a note naming where it is stored
	 */
	public record Limits(@DefaultValue("20") @Min(1) @Max(64) int maxDepth, @DefaultValue("500") @Min(1) int maxParts,
			@DefaultValue("256KB") @NotNull DataSize maxHeaderSize, @DefaultValue("1MB") @NotNull DataSize maxTextSize,
			@DefaultValue("10s") @NotNull Duration timePerMessage,
			@DefaultValue("1MB") @NotNull DataSize maxAttachedSize) {
	}

}
