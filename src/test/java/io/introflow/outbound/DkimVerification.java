package io.introflow.outbound;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.exceptions.FailException;

/** Verifies a DKIM signature with Apache James jDKIM, the public key given instead of looked up in DNS. */
final class DkimVerification {

	private DkimVerification() {
	}

	static boolean verify(String rawMessage, PublicKey key) throws Exception {
		String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getEncoded());
		DKIMVerifier verifier = new DKIMVerifier((type, domain, selector) -> List.of(record));
		try {
			return !verifier.verify(new ByteArrayInputStream(rawMessage.getBytes(StandardCharsets.ISO_8859_1)))
				.isEmpty();
		}
		catch (FailException ex) {
			throw new AssertionError("DKIM verification failed: " + ex.getMessage(), ex);
		}
	}

}
