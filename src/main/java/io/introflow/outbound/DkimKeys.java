package io.introflow.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DKIM signing keys, one per From domain, read from the files people have: PEM as
 * {@code openssl genrsa} (PKCS#1, "BEGIN RSA PRIVATE KEY"), {@code opendkim-genkey} or
 * OpenSSL 3 (PKCS#8, "BEGIN PRIVATE KEY") write them, or DER (PKCS#8 or PKCS#1).
 */
public final class DkimKeys {

	/** What the error message offers when a file is not a key. */
	public static final String ACCEPTED = "an unencrypted RSA private key as PEM (\"BEGIN RSA PRIVATE KEY\" or "
			+ "\"BEGIN PRIVATE KEY\") or DER (PKCS#8 or PKCS#1)";

	private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----",
			Pattern.DOTALL);

	/**
	 * The DER prefix of a PKCS#8 PrivateKeyInfo's algorithm: version 0, rsaEncryption
	 * with NULL parameters.
	 */
	private static final byte[] RSA_ALGORITHM = { 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48,
			(byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	private final Map<String, Key> byDomain;

	private DkimKeys(Map<String, Key> byDomain) {
		this.byDomain = byDomain;
	}

	/**
	 * The keys of the settings, each file read now (a relative path is taken from the
	 * installation folder); none when DKIM is off.
	 */
	public static DkimKeys load(SendingProperties.Dkim settings, Path home) {
		Map<String, Key> keys = new LinkedHashMap<>();
		if (settings.enabled()) {
			for (SendingProperties.DkimKey entry : settings.allKeys()) {
				Path file = home.resolve(entry.privateKey()).toAbsolutePath().normalize();
				Key key = new Key(entry.domain().toLowerCase(Locale.ROOT), entry.selector(), file, read(file));
				if (keys.putIfAbsent(key.domain(), key) != null) {
					throw new DkimKeyException("introflow.sending.dkim.keys names domain " + key.domain()
							+ " twice; give each From domain one key");
				}
			}
		}
		return new DkimKeys(keys);
	}

	/** The key whose domain is the domain of this address, if any. */
	public Optional<Key> forAddress(String address) {
		return Optional.ofNullable(byDomain.get(domainOf(address)));
	}

	public List<Key> all() {
		return new ArrayList<>(byDomain.values());
	}

	public static String domainOf(String address) {
		return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads an RSA private key from a PEM or DER file; a file that is not one is a
	 * {@link DkimKeyException}.
	 */
	public static RSAPrivateKey read(Path file) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new DkimKeyException("introflow.sending.dkim.private-key " + file + " cannot be read ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + "); it must be " + ACCEPTED);
		}
		try {
			return parse(bytes);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new DkimKeyException("introflow.sending.dkim.private-key " + file + " is not " + ACCEPTED + " ("
					+ ex.getMessage() + ")");
		}
	}

	static RSAPrivateKey parse(byte[] bytes) throws GeneralSecurityException {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		Matcher pem = PEM.matcher(text);
		if (pem.find()) {
			String label = pem.group(1);
			String body = pem.group(2);
			if (label.contains("ENCRYPTED") || body.contains("Proc-Type:")) {
				throw new IllegalArgumentException("the key is encrypted; write it without a passphrase, such as with "
						+ "openssl pkey -in KEY -out KEY.pem");
			}
			byte[] der = Base64.getMimeDecoder().decode(body.strip());
			return switch (label) {
				case "RSA PRIVATE KEY" -> pkcs8(wrapPkcs1(der));
				case "PRIVATE KEY" -> pkcs8(der);
				default -> throw new IllegalArgumentException("a PEM block of type " + label);
			};
		}
		try {
			return pkcs8(bytes);
		}
		catch (GeneralSecurityException | RuntimeException notPkcs8) {
			return pkcs8(wrapPkcs1(bytes));
		}
	}

	private static RSAPrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
		PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		return (RSAPrivateKey) key;
	}

	/**
	 * A PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo (RFC 5208), the form the
	 * JDK's KeyFactory reads.
	 */
	static byte[] wrapPkcs1(byte[] pkcs1) {
		ByteArrayOutputStream info = new ByteArrayOutputStream();
		info.writeBytes(RSA_ALGORITHM);
		info.write(0x04);
		info.writeBytes(derLength(pkcs1.length));
		info.writeBytes(pkcs1);
		ByteArrayOutputStream sequence = new ByteArrayOutputStream();
		sequence.write(0x30);
		sequence.writeBytes(derLength(info.size()));
		sequence.writeBytes(info.toByteArray());
		return sequence.toByteArray();
	}

	private static byte[] derLength(int length) {
		if (length < 0x80) {
			return new byte[] { (byte) length };
		}
		byte[] value = BigInteger.valueOf(length).toByteArray();
		int skip = (value[0] == 0) ? 1 : 0;
		byte[] encoded = new byte[value.length - skip + 1];
		encoded[0] = (byte) (0x80 | (value.length - skip));
		System.arraycopy(value, skip, encoded, 1, value.length - skip);
		return encoded;
	}

	/** The public half, for the DNS record. */
	public static RSAPublicKey publicKey(RSAPrivateKey key) {
		if (!(key instanceof RSAPrivateCrtKey crt)) {
			throw new DkimKeyException("the DKIM key has no public exponent; write it with openssl pkey");
		}
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A private key as PEM PKCS#8, as OpenSSL 3 writes it. */
	public static String pem(PrivateKey key) {
		return "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
	}

	/**
	 * The zone-file line to publish: {@code s._domainkey.d. IN TXT "v=DKIM1; ..." "..."},
	 * split into strings of at most 255 characters as DNS requires (RFC 1035 3.3, RFC
	 * 6376 3.6.2.2).
	 */
	public static String txtRecord(String selector, String domain, RSAPublicKey key) {
		String value = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getEncoded());
		StringBuilder line = new StringBuilder(selector + "._domainkey." + domain + ". IN TXT");
		for (int i = 0; i < value.length(); i += 255) {
			line.append(" \"").append(value, i, Math.min(value.length(), i + 255)).append('"');
		}
		return line.toString();
	}

	/**
	 * One signing key.
	 *
	 * @param domain the From domain it signs for ({@code d=}), lower case
	 * @param selector the {@code s=} under which its public key is published
	 * @param file where it was read from
	 * @param privateKey the key itself
	 */
	public record Key(String domain, String selector, Path file, RSAPrivateKey privateKey) {

		public String txtRecord() {
			return DkimKeys.txtRecord(selector, domain, publicKey(privateKey));
		}

	}

}
