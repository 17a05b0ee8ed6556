package io.introflow.inbound;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

/**
 * Raw messages for the inbound tests, written as a mail program or a hostile sender
 * would.
 */
final class Mails {

	private Mails() {
	}

	/**
	 * A plain reply; {@code trace} are extra header lines (CRLF-ended) put first, as
	 * relays add them.
	 */
	static String reply(String messageId, String from, String to, String body, String trace) {
		return trace + "From: " + from + "\r\nTo: " + to + "\r\nSubject: Re: Anyone who could use our help?\r\n"
				+ "Date: Fri, 20 Nov 2026 09:14:03 +0100\r\n"
				+ (messageId != null ? "Message-ID: " + messageId + "\r\n" : "")
				+ "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
	}

	/**
	 * {@code depth} multiparts, each the only part of the one around it, around one line
	 * of text.
	 */
	static String nested(int depth) {
		StringBuilder mail = new StringBuilder("From: Ann Archer <ann@acme.example>\r\n"
				+ "To: reply+t1ann@reply.introflow.example\r\nSubject: nested\r\nMessage-ID: <nested@acme.example>\r\n"
				+ "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
		for (int i = 0; i < depth; i++) {
			mail.append("--b")
				.append(i)
				.append("\r\nContent-Type: multipart/mixed; boundary=\"b")
				.append(i + 1)
				.append("\"\r\n\r\n");
		}
		mail.append("--b").append(depth).append("\r\nContent-Type: text/plain\r\n\r\nYes, happy to help.\r\n");
		for (int i = depth; i >= 0; i--) {
			mail.append("--b").append(i).append("--\r\n");
		}
		return mail.toString();
	}

	/**
	 * Writes a reply with a base64 attachment of about {@code bytes} random bytes,
	 * streamed to the file (never whole in memory).
	 */
	static Path withAttachment(Path file, String messageId, String to, String text, long bytes) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(("From: Ann Archer <ann@acme.example>\r\nTo: " + to + "\r\nSubject: Re: the slides\r\n"
					+ "Message-ID: " + messageId + "\r\nMIME-Version: 1.0\r\n"
					+ "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n--outer\r\n"
					+ "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n--outer\r\n"
					+ "Content-Type: application/pdf; name=\"slides.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
					+ "Content-Disposition: attachment; filename=\"slides.pdf\"\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			Random random = new Random(bytes);
			byte[] chunk = new byte[57 * 1000];
			Base64.Encoder mime = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII));
			for (long written = 0; written < bytes; written += chunk.length) {
				random.nextBytes(chunk);
				out.write(mime.encode(chunk));
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.write("--outer--\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		return file;
	}

}
