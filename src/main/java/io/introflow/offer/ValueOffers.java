package io.introflow.offer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.introflow.IntroflowException;
import io.introflow.IntroflowProperties;

/**
 * The configured value offers, checked at start: every attachment must be a readable file
 * under the home folder and at most {@value #MAX_ATTACHMENT_BYTES} bytes, so that a
 * missing file stops the command (exit code 2) instead of a value email going out without
 * what it promises.
 */
@Component
public class ValueOffers {

	/**
	 * Larger files are refused at start: many mail servers refuse messages over 10 MB
	 * once base64 adds a third.
	 */
	public static final int MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

	private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(Map.entry("pdf", "application/pdf"),
			Map.entry("md", "text/markdown; charset=UTF-8"), Map.entry("txt", "text/plain; charset=UTF-8"),
			Map.entry("html", "text/html; charset=UTF-8"), Map.entry("csv", "text/csv; charset=UTF-8"),
			Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
			Map.entry("zip", "application/zip"),
			Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
			Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
			Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"));

	/** An offer as the emails use it. @param file the attachment, or null for a link */
	public record ValueOffer(String id, String title, String description, String url, Path file) {

		public boolean hasAttachment() {
			return file != null;
		}

		/** The attachment's file name as the recipient sees it, or null. */
		public String attachmentName() {
			return (file != null) ? file.getFileName().toString() : null;
		}

		public String contentType() {
			String name = attachmentName().toLowerCase(Locale.ROOT);
			int dot = name.lastIndexOf('.');
			return CONTENT_TYPES.getOrDefault((dot >= 0) ? name.substring(dot + 1) : "", "application/octet-stream");
		}

		/** The attachment's bytes, read when the value email is composed. */
		public byte[] bytes() {
			try {
				return Files.readAllBytes(file);
			}
			catch (IOException ex) {
				throw new IntroflowException(
						"value offer '" + id + "': attachment " + file + " cannot be read: " + ex.getMessage());
			}
		}

	}

	private final ValueOfferProperties properties;

	private final List<ValueOffer> offers;

	ValueOffers(ValueOfferProperties properties, IntroflowProperties introflow) {
		this.properties = properties;
		this.offers = properties.offers().stream().map(o -> resolve(o, introflow.home())).toList();
	}

	/**
	 * The first offer for this segment and trigger type, else the default offer, else
	 * none.
	 */
	public Optional<ValueOffer> choose(String segment, String triggerType) {
		for (int i = 0; i < offers.size(); i++) {
			if (properties.offers().get(i).matches(segment, triggerType)) {
				return Optional.of(offers.get(i));
			}
		}
		return find(properties.defaultOffer());
	}

	/** The offer with this id, if it is still configured. */
	public Optional<ValueOffer> find(String id) {
		return offers.stream().filter(o -> o.id().equals(id)).findFirst();
	}

	private static ValueOffer resolve(ValueOfferProperties.Offer offer, Path home) {
		if (offer.attachment() == null) {
			return new ValueOffer(offer.id(), offer.title(), offer.description(), offer.url(), null);
		}
		String setting = "introflow.value-offers: offer '" + offer.id() + "' attachment " + offer.attachment();
		try {
			Path root = home.toRealPath();
			Path file = root.resolve(offer.attachment()).normalize();
			if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
				throw new IntroflowException(setting + ": no readable file at " + file
						+ " (put it there, or change the path; a relative path is under the home folder)");
			}
			if (!file.toRealPath().startsWith(root)) {
				throw new IntroflowException(setting + ": " + file + " is outside the home folder " + root);
			}
			long size = Files.size(file);
			if (size > MAX_ATTACHMENT_BYTES) {
				throw new IntroflowException(setting + ": " + size + " bytes, more than the " + MAX_ATTACHMENT_BYTES
						+ " an attachment may have; link to it with url instead");
			}
			return new ValueOffer(offer.id(), offer.title(), offer.description(), null, file.toRealPath());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(setting + ": " + ex.getMessage(), ex);
		}
	}

}
