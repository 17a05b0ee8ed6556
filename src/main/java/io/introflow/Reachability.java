package io.introflow;

/**
 * Whether a server Introflow depends on (the SMTP relay, the IMAP mailbox) answered a
 * probe just now, for {@code serve}'s health. It names the server by host and port only,
 * never by its credentials.
 *
 * @param server {@code host:port}
 * @param problem why it is unreachable (or refused the session), null when it answered
 */
public record Reachability(boolean reachable, String server, String problem) {

	public static Reachability reached(String server) {
		return new Reachability(true, server, null);
	}

	public static Reachability unreachable(String server, String problem) {
		return new Reachability(false, server, problem);
	}

}
