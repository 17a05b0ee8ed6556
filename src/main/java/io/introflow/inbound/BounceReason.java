package io.introflow.inbound;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why a message could not be delivered, read from its status code and the server's words,
 * and whether that makes the address hard (it will never work: suppress it) or soft (it
 * may work later). Decided by the reason, not by the class digit: a full mailbox or a
 * spam filter answers with 5.x.x too, and suppressing such an address for ever loses a
 * client. One rule for bounces read from the mailbox and for refusals at send time.
 */
public enum BounceReason {

	/** The mailbox does not exist. */
	UNKNOWN_USER(true),
	/** The domain does not exist or accepts no mail. */
	NO_SUCH_DOMAIN(true),
	/** The mailbox exists but is disabled or closed. */
	DISABLED(true),
	/** The mailbox is full or over quota. */
	MAILBOX_FULL(false),
	/** The message is too large for the receiver. */
	TOO_LARGE(false),
	/** Refused as spam, blocked by a list, reputation or content filter. */
	BLOCKED(false),
	/** Refused by the receiver's policy (authentication, DMARC, relaying, a rule). */
	POLICY(false),
	/** Too many messages, or greylisted: try later. */
	RATE_LIMITED(false),
	/** Kept in the queue too long and given up. */
	EXPIRED(false),
	/** A permanent failure without a known reason. */
	OTHER_PERMANENT(true),
	/** A temporary failure without a known reason. */
	OTHER_TEMPORARY(false);

	private final boolean hard;

	BounceReason(boolean hard) {
		this.hard = hard;
	}

	/** The address will never work: suppress it. */
	public boolean hard() {
		return hard;
	}

	/** The name stored with the evidence ({@code mailbox_full}). */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	private record Rule(Pattern words, BounceReason reason) {
	}

	/**
	 * Words first: they say more than the codes servers choose inconsistently. Order
	 * matters: first match wins.
	 */
	private static final List<Rule> WORDS = List.of(
			rule("over ?quota|quota exceeded|mailbox (is )?full|mailbox size limit|insufficient (system )?storage"
					+ "|exceeded storage|user.{0,20}over.{0,10}quota|exceeded the local limit|mailbox.{0,20}exceeded|postfach voll|boîte (aux lettres )?pleine|buzón lleno",
					MAILBOX_FULL),
			rule("message (size )?(too (large|big)|exceeds)|size limit|message length exceeds|too large", TOO_LARGE),
			rule("greylist|graylist|try (again )?later|rate limit|too many (messages|connections|recipients)"
					+ "|throttl|temporarily deferred|deferred", RATE_LIMITED),
			rule("spam|blocked|block ?list|black ?list|blacklisted|(?<!not )listed (at|on|in)|rbl|spamhaus|reputation"
					+ "|content (rejected|filter)|bulk e?mail filter|rejected (due|because).{0,40}content|virus|malware|junk",
					BLOCKED),
			rule("dmarc|spf|dkim|not authori[sz]ed|relay(ing)? (denied|not permitted|access denied)"
					+ "|policy|prohibited|not allowed|access denied|administratively", POLICY),
			rule("(account|mailbox|user).{0,20}(disabled|deactivated|inactive|suspended|closed|locked|expired)"
					+ "|no longer (active|available|in use|with)|has been disabled|is disabled|account.{0,40}(disabled|suspended)",
					DISABLED),
			rule("host or domain name not found|domain (not found|does not exist)|no such domain|name service error"
					+ "|nxdomain|unrouteable (address|domain)|no mx|domain.{0,20}(invalid|not exist)"
					+ "|unknown (host|domain)", NO_SUCH_DOMAIN),
			rule("user unknown|unknown user|no such (user|mailbox|recipient|address)|does not exist|doesn't exist"
					+ "|not exist|recipient (address )?rejected|invalid (recipient|mailbox|address)|mailbox unavailable"
					+ "|unknown (recipient|mailbox|local part)|address (is )?(invalid|unknown)|not found|no mailbox"
					+ "|not listed in (the )?(domino directory|public name|address book)|no such person"
					+ "|unbekannt|inconnu|desconocido|onbekend|account that you tried to reach does not exist",
					UNKNOWN_USER),
			rule("(retry timeout|delivery time) exceeded|expired|too long in (the )?queue|could not be delivered within"
					+ "|giving up|gave up", EXPIRED));

	private static Rule rule(String words, BounceReason reason) {
		return new Rule(Pattern.compile("(?iu)" + words), reason);
	}

	/**
	 * The reason of a failure.
	 * @param status the enhanced status code ({@code 5.1.1}) or the SMTP reply code
	 * ({@code 550}), or null
	 * @param text the server's words (the diagnostic code, the bounce's text), or null
	 */
	public static BounceReason of(String status, String text) {
		String words = (text != null) ? text : "";
		for (Rule rule : WORDS) {
			if (rule.words().matcher(words).find()) {
				return rule.reason();
			}
		}
		return byStatus(status != null ? status.strip() : "");
	}

	/**
	 * The reason when the words say nothing known: RFC 3463's subject and detail codes.
	 */
	private static BounceReason byStatus(String status) {
		boolean temporary = status.startsWith("4");
		switch (status.length() >= 5 && status.charAt(1) == '.' ? status.substring(2) : "") {
			case "1.1", "1.3", "1.6":
				return temporary ? OTHER_TEMPORARY : UNKNOWN_USER;
			case "1.2", "4.4":
				return temporary ? OTHER_TEMPORARY : NO_SUCH_DOMAIN;
			case "2.1":
				return DISABLED;
			case "2.2", "3.1":
				return MAILBOX_FULL;
			case "2.3", "3.4":
				return TOO_LARGE;
			case "7.1", "7.0", "7.26", "7.27", "7.25", "7.23", "7.24":
				return POLICY;
			case "4.7":
				return EXPIRED;
			default:
				return temporary ? OTHER_TEMPORARY : OTHER_PERMANENT;
		}
	}

}
