package io.introflow.contact;

/**
 * An address never to mail again.
 *
 * @param reason {@code unsubscribed}, {@code hard_bounce}, or {@code imported} (a
 * do-not-contact list)
 * @param source where it came from: {@code suppressions.csv:12}, {@code inbound:7},
 * {@code smtp:550 ...}
 */
public record Suppression(String email, String reason, String source) {
}
