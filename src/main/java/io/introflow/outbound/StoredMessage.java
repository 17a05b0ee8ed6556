package io.introflow.outbound;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.Session;

import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message as it was composed and stored, handed to the server byte for byte: never
 * parsed nor re-encoded, which keeps a DKIM signature valid and saves the work of taking
 * a message apart only to write it out again. (Parsing even its header costs more than
 * sending it: Jakarta Mail looks up its stream provider through the service loader for
 * every header block it reads.) The recipient comes from the outbox row, which the
 * composer filled from the same address as the {@code To} header.
 */
final class StoredMessage extends SMTPMessage {

	private final byte[] mime;

	StoredMessage(Session session, byte[] mime) {
		super(session);
		this.mime = mime;
	}

	/**
	 * The stored bytes as they are: the composer wrote CRLF lines of at most 998 octets
	 * and no Bcc header.
	 */
	@Override
	public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
		out.write(mime);
	}

}
