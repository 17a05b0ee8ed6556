package io.introflow.intro;

import java.security.SecureRandom;

/**
 * Random tokens from a 32-letter alphabet without look-alike characters (no l, o, 0, 1):
 * each character carries 5 random bits, and a token is safe in an address's local part
 * and in a URL path.
 */
final class Tokens {

	private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private Tokens() {
	}

	static String random(int characters) {
		char[] token = new char[characters];
		for (int i = 0; i < token.length; i++) {
			token[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
		}
		return new String(token);
	}

	/**
	 * Whether a string could be a token at all (so that no query is made for anything
	 * else).
	 */
	static boolean wellFormed(String token, int maxCharacters) {
		if (token == null || token.isEmpty() || token.length() > maxCharacters) {
			return false;
		}
		for (char c : token.toCharArray()) {
			if (!(c >= 'a' && c <= 'z' || c >= '2' && c <= '9')) {
				return false;
			}
		}
		return true;
	}

}
