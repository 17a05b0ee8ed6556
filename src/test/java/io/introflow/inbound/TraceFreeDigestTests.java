package io.introflow.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The key that merges copies of one message and never two messages. */
class TraceFreeDigestTests {

	private static TraceFreeDigest digest(String raw) throws IOException {
		return TraceFreeDigest.of(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
	}

	@Test
	void ignoresTraceHeadersAndTheirFoldedLinesAndLineEnds() throws IOException {
		String a = "Received: from a\r\n\tby b\r\nReturn-Path: <x@y>\r\nFrom: x@y\r\nMessage-ID: <m@y>\r\n\r\nHi\r\n";
		String b = "From: x@y\nDelivered-To: reply+t@r\nX-Original-To: intro+t@r\nMessage-ID: <m@y>\n\nHi\n";
		assertThat(digest(a).key()).isEqualTo(digest(b).key());
	}

	@Test
	void tellsApartMessagesThatDifferAnywhereElse() throws IOException {
		assertThat(digest("From: x@y\r\n\r\nHi\r\n").key()).isNotEqualTo(digest("From: x@y\r\n\r\nHo\r\n").key())
			.isNotEqualTo(digest("From: x@z\r\n\r\nHi\r\n").key());
		// a header line that never ends, with no colon
		assertThat(digest("\u00d8\u00d3 garbage").key()).isNotEqualTo(digest("\u00d8\u00d3 garbagf").key())
			.isNotEqualTo(digest("").key());
		// trace-header names only drop the field they name
		assertThat(digest("Received-SPF: pass\r\n\r\n").key()).isNotEqualTo(digest("\r\n").key());
	}

	@Test
	void readsTheFirstMessageIdFoldedAndCleaned() throws IOException {
		assertThat(digest("Message-ID:\r\n <a\u0000b@x>\r\nMessage-ID: <second@x>\r\n\r\n").messageId())
			.isEqualTo("<a b@x>");
		assertThat(digest("From: x@y\r\n\r\nMessage-ID: <in-body@x>\r\n").messageId()).isNull();
	}

}
