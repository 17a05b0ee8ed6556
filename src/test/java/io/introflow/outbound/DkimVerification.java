package io.introflow.outbound;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * Verifies a DKIM signature with Apache James jDKIM, the public key given instead of
 * looked up in DNS.
 */
public final class DkimVerification {

	private DkimVerification() {
	}

	public static boolean verify(String rawMessage, PublicKey key) throws Exception {
		String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getEncoded());
		return verify(rawMessage, (type, domain, selector) -> List.of(record)) != null;
	}

	/**
	 * Verifies against the DNS records given as "selector._domainkey.domain" to TXT value
	 * (such as a key's p= as printed for an operator), and returns the d= of the
	 * signature that verified.
	 */
	public static String verify(String rawMessage, Map<String, String> txtRecords) throws Exception {
		return verify(rawMessage, (type, selector, domain) -> {
			String record = txtRecords.get(selector + "._domainkey." + domain);
			if (record == null) {
				throw new AssertionError("no public key published at " + selector + "._domainkey." + domain);
			}
			return List.of(record);
		});
	}

	private static String verify(String rawMessage, PublicKeyRecordRetriever lookup) throws Exception {
		DKIMVerifier verifier = new DKIMVerifier(lookup);
		try {
			List<SignatureRecord> verified = verifier
				.verify(new ByteArrayInputStream(rawMessage.getBytes(StandardCharsets.ISO_8859_1)));
			return verified.isEmpty() ? null : verified.get(0).getDToken().toString();
		}
		catch (FailException ex) {
			throw new AssertionError("DKIM verification failed: " + ex.getMessage(), ex);
		}
	}

}
