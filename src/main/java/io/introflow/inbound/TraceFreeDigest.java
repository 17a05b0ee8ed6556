package io.introflow.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The identity of a message, computed as it streams past: the SHA-256 of its bytes
 * without the trace headers that differ between two copies of one message
 * ({@code Received}, {@code Delivered-To}, {@code X-Original-To}, {@code Return-Path}),
 * with line ends read as CRLF (a Maildir stores LF, IMAP sends CRLF); and its first
 * {@code Message-ID}, kept short and printable. Holds no more than a header name and a
 * Message-ID in memory.
 */
final class TraceFreeDigest extends OutputStream {

	private static final Set<String> TRACE = Set.of("received", "delivered-to", "x-original-to", "return-path");

	private static final int NAME_MAX = 100;

	private static final int ID_MAX = 1000;

	private final MessageDigest sha256;

	private final byte[] out = new byte[8192];

	private int outLength;

	private boolean inHeaders = true;

	private boolean pendingCr;

	private int lineLength;

	private final byte[] name = new byte[NAME_MAX + 1];

	private int nameLength;

	private boolean decided;

	private boolean skipField;

	private boolean capturingId;

	private boolean idSeen;

	private final ByteArrayOutputStream id = new ByteArrayOutputStream();

	private long size;

	TraceFreeDigest() {
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Reads a whole stream through a new digest. */
	static TraceFreeDigest of(InputStream in) throws IOException {
		TraceFreeDigest digest = new TraceFreeDigest();
		in.transferTo(digest);
		return digest;
	}

	@Override
	public void write(int b) {
		size++;
		byte c = (byte) b;
		if (pendingCr) {
			pendingCr = false;
			if (c == '\n') {
				endOfLine();
				return;
			}
			content((byte) '\r');
		}
		if (c == '\r') {
			pendingCr = true;
		}
		else if (c == '\n') {
			endOfLine();
		}
		else {
			content(c);
		}
	}

	@Override
	public void write(byte[] bytes, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			write(bytes[i]);
		}
	}

	private void content(byte c) {
		if (!inHeaders) {
			emit(c);
			return;
		}
		if (lineLength++ == 0) {
			if (c == ' ' || c == '\t') {
				decided = true; // a folded line belongs to the field above
			}
			else {
				decided = false;
				nameLength = 0;
				idSeen |= capturingId;
				capturingId = false;
			}
		}
		if (decided) {
			if (!skipField) {
				emit(c);
			}
			if (capturingId && id.size() < ID_MAX) {
				id.write(c);
			}
			return;
		}
		name[nameLength++] = c;
		if (c == ':' || nameLength > NAME_MAX) {
			decide();
		}
	}

	/** The field's name is known: keep or drop it, and start reading the Message-ID. */
	private void decide() {
		decided = true;
		int end = (name[nameLength - 1] == ':') ? nameLength - 1 : nameLength;
		String field = new String(name, 0, end, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
		skipField = TRACE.contains(field);
		capturingId = !idSeen && field.equals("message-id");
		if (!skipField) {
			for (int i = 0; i < nameLength; i++) {
				emit(name[i]);
			}
		}
	}

	private void endOfLine() {
		if (!inHeaders) {
			emit((byte) '\r');
			emit((byte) '\n');
			return;
		}
		if (lineLength == 0) {
			inHeaders = false; // the empty line between headers and body
			idSeen |= capturingId;
			capturingId = false;
			emit((byte) '\r');
			emit((byte) '\n');
			return;
		}
		if (!decided) {
			decide();
		}
		if (!skipField) {
			emit((byte) '\r');
			emit((byte) '\n');
		}
		lineLength = 0;
	}

	private void emit(byte c) {
		if (outLength == out.length) {
			sha256.update(out, 0, outLength);
			outLength = 0;
		}
		out[outLength++] = c;
	}

	/**
	 * The key that merges copies of one message: {@code sha256:<hex>}. Call once, after
	 * the last byte.
	 */
	String key() {
		if (pendingCr) {
			pendingCr = false;
			content((byte) '\r');
		}
		if (inHeaders && lineLength > 0 && !decided) {
			decide(); // a last header line without a colon or a line end still counts
		}
		sha256.update(out, 0, outLength);
		outLength = 0;
		return "sha256:" + HexFormat.of().formatHex(sha256.digest());
	}

	/** How many bytes went through. */
	long size() {
		return size;
	}

	/**
	 * The first Message-ID as written (unfolded, control characters removed, at most 250
	 * characters), or null. Not an identity: two messages may carry the same one, or a
	 * malformed one.
	 */
	String messageId() {
		String value = id.toString(StandardCharsets.UTF_8)
			.replaceAll("[\\p{Cntrl}\\uFFFD]", " ")
			.replaceAll("\\s+", " ")
			.strip();
		if (value.isEmpty()) {
			return null;
		}
		return value.length() <= 250 ? value : value.substring(0, 250);
	}

}
