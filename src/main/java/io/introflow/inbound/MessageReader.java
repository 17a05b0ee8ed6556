package io.introflow.inbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;

import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;

/**
 * Reads one stored message, within the limits of {@code introflow.inbound.limits}, into
 * what interpretation needs: its headers, the text a person wrote, whether it is a
 * bounce, and our Message-IDs quoted in it. It touches no database, so a message that
 * takes too long is abandoned with nothing half applied. The message is parsed from a
 * file ({@link SharedFileInputStream}), so its parts are never copied into memory; text
 * parts are read up to {@code max-text-size}.
 */
@Component
class MessageReader {

	/**
	 * What a readable message says, ready to be matched and classified. {@code headers}
	 * has no body; {@code headerSection} is its bytes. {@code bounce} is a bounce or a
	 * complaint (ARF): read before matching, as its failed recipient or complainant helps
	 * find the introduction. {@code delivered}: the evidence that it reports a delivery
	 * that went well (an RFC 3464 report with every recipient delivered, relayed or
	 * expanded), which is no bounce and no person. {@code text} is the whole text;
	 * {@code written} what the person wrote in it (quotes and signature removed,
	 * {@link ReplyText#newText}), worked out once, within the time budget.
	 */
	record Read(MimeMessage headers, byte[] headerSection, String sender, String subject, String text, String written,
			Optional<Classification> bounce, List<String> quotedIds, Optional<String> delivered) {
	}

	private static final int MAX_QUOTED_IDS = 20;

	private final InboundProperties.Limits limits;

	private final ReplyClassifier classifier;

	private final Pattern ourMessageId;

	private final Session session = Session.getInstance(InboundStore.readingProperties());

	MessageReader(InboundProperties inbound, ReplyClassifier classifier, IntroflowProperties properties) {
		this.limits = inbound.limits();
		this.classifier = classifier;
		this.ourMessageId = ReplyMatcher.ourMessageId(properties.mail().sendingDomain());
	}

	/**
	 * Reads the message on a thread of its own, for at most {@code time-per-message};
	 * anything it throws, a stack overflow included, makes the message unreadable rather
	 * than failing the run.
	 */
	Read read(long id, Path file) throws UnreadableMessageException {
		FutureTask<Read> task = new FutureTask<>(() -> readNow(file));
		Thread worker = new Thread(task, "inbound-read-" + id);
		worker.setDaemon(true); // a reader that ignores its interruption never keeps the
								// process alive
		worker.start();
		try {
			return task.get(limits.timePerMessage().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			task.cancel(true);
			long millis = limits.timePerMessage().toMillis();
			throw new UnreadableMessageException(
					"not read within " + (millis < 1000 ? millis + " ms" : limits.timePerMessage().toSeconds() + " s")
							+ " (introflow.inbound.limits.time-per-message)");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof UnreadableMessageException unreadable) {
				throw unreadable;
			}
			throw new UnreadableMessageException("cannot be read: " + cause.getClass().getSimpleName()
					+ (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			task.cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading inbound message " + id, ex);
		}
	}

	private Read readNow(Path file) throws Exception {
		byte[] section = headerSection(file);
		MimeMessage headers = new MimeMessage(session, new ByteArrayInputStream(section));
		String sender = ReplyMatcher.sender(headers);
		String subject = headers.getSubject();
		try (SharedFileInputStream in = new SharedFileInputStream(file.toFile())) {
			MimeMessage message = new MimeMessage(session, in);
			MimeShape.check(message, limits.maxDepth(), limits.maxParts());
			BounceReader.Report report = classifier.report(message);
			// a complaint report is read before bounces and before anything a person
			// might have written
			Optional<Classification> complaint = ComplaintReader.read(message);
			Optional<Classification> bounce = complaint.isPresent() ? complaint : classifier.bounce(report);
			String text = ReplyText.full(message, (int) limits.maxTextSize().toBytes());
			return new Read(headers, section, sender, subject, text, ReplyText.newText(text), bounce, quotedIds(file),
					(complaint.isEmpty() && report instanceof BounceReader.Succeeded ok) ? Optional.of(ok.evidence())
							: Optional.empty());
		}
	}

	/**
	 * The header section, up to and with the empty line that ends it; refused when longer
	 * than the limit.
	 */
	private byte[] headerSection(Path file) throws IOException, UnreadableMessageException {
		long max = limits.maxHeaderSize().toBytes();
		ByteArrayOutputStream section = new ByteArrayOutputStream();
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
			int last = -1;
			int beforeLast = -1;
			int b;
			while ((b = in.read()) != -1) {
				section.write(b);
				if (b == '\n' && (last == '\n' || (last == '\r' && beforeLast == '\n'))) {
					break; // LF LF or LF CR LF: the empty line
				}
				if (section.size() > max) {
					throw new UnreadableMessageException("header section longer than " + limits.maxHeaderSize()
							+ " (introflow.inbound.limits.max-header-size)");
				}
				beforeLast = last;
				last = b;
			}
		}
		return section.toByteArray();
	}

	/**
	 * Our Message-IDs quoted anywhere in the message (a bounce returning our email), in
	 * order, read in chunks.
	 */
	private List<String> quotedIds(Path file) throws IOException {
		Set<String> found = new LinkedHashSet<>();
		byte[] chunk = new byte[64 * 1024];
		String carry = "";
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0 && found.size() < MAX_QUOTED_IDS) {
				String window = carry + new String(chunk, 0, n, StandardCharsets.ISO_8859_1);
				Matcher m = ourMessageId.matcher(window);
				while (m.find() && found.size() < MAX_QUOTED_IDS) {
					found.add(m.group());
				}
				// an ID split between two chunks is found in the next window
				carry = window.substring(Math.max(0, window.length() - 400));
				if (Thread.currentThread().isInterrupted()) {
					break;
				}
			}
		}
		return new ArrayList<>(found);
	}

}
