package io.introflow.intro;

import java.time.LocalDate;

/**
 * What sales reported about an introduction: a meeting took place, the deal was won or
 * lost.
 *
 * @param token the introduction's token, or empty when the row names the prospect instead
 * @param prospectEmail the prospect's address, used when there is no token
 * @param kind {@code meeting}, {@code won} or {@code lost}
 */
public record Outcome(String token, String prospectEmail, String kind, LocalDate on, String file, long line) {

	public String where() {
		return file + ":" + line;
	}

}
