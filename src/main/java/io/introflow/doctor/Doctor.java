package io.introflow.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import io.introflow.IntroflowProperties;
import io.introflow.contact.ContactRepository;
import io.introflow.outbound.DkimKeys;
import io.introflow.outbound.SendingProperties;

/**
 * Checks an installation's sending set-up without asking DNS (keys readable, a key for
 * every From domain, settings) and works out the DNS records to publish. Shared by
 * {@code introflow doctor} and any later console.
 */
@Component
public class Doctor {

	/**
	 * Left in the settings shipped with Introflow; a real installation names its own
	 * domains.
	 */
	private static final String EXAMPLE_DOMAIN = "introflow.example";

	private final IntroflowProperties properties;

	private final SendingProperties sending;

	private final ContactRepository contacts;

	Doctor(IntroflowProperties properties, SendingProperties sending, ContactRepository contacts) {
		this.properties = properties;
		this.sending = sending;
		this.contacts = contacts;
	}

	public Report examine() {
		List<Check> checks = new ArrayList<>();
		SendingProperties.Dkim dkim = sending.dkim();
		DkimKeys keys = DkimKeys.load(dkim, properties.home());
		if (!dkim.enabled()) {
			checks.add(new Check(Level.WARN, "dkim", "signing is off (introflow.sending.dkim.enabled: false)"
					+ (dkim.allKeys().isEmpty() ? "" : "; the keys it names are not used")));
		}
		for (DkimKeys.Key key : keys.all()) {
			int bits = key.privateKey().getModulus().bitLength();
			checks.add(new Check(bits < 1024 ? Level.FAIL : bits < 2048 ? Level.WARN : Level.OK, "dkim key",
					key.domain() + ": selector " + key.selector() + ", " + bits + "-bit RSA, read from " + key.file()));
		}
		SortedMap<String, Integer> owners = contacts.ownerDomains();
		if (owners.isEmpty()) {
			checks.add(new Check(Level.WARN, "owners",
					"no contacts with an owner yet: run doctor again after the first import to check their domains"));
		}
		for (var owner : owners.entrySet()) {
			checks.add(fromDomain(keys, owner.getKey(), owner.getValue() + " owner(s) send From it", Level.FAIL));
		}
		String sendingDomain = lower(properties.mail().sendingDomain());
		if (!owners.containsKey(sendingDomain)) {
			checks.add(fromDomain(keys, sendingDomain, "forwards to owners are sent From introflow@" + sendingDomain,
					Level.WARN));
		}
		checks.add(domainSetting("reply domain", "introflow.mail.reply-domain", properties.mail().replyDomain()));
		checks.add(domainSetting("sending domain", "introflow.mail.sending-domain", sendingDomain));
		checks.add(sending.publicBaseUrl() == null ? new Check(Level.WARN, "public url",
				"introflow.sending.public-base-url is not set: List-Unsubscribe offers mailto only, no one-click "
						+ "(RFC 8058) unsubscribe")
				: new Check(Level.OK, "public url", sending.publicBaseUrl().toString()));
		return new Report(checks, replyAddresses(), records(keys, owners.keySet()));
	}

	private static Check fromDomain(DkimKeys keys, String domain, String why, Level missing) {
		Optional<DkimKeys.Key> key = keys.forAddress("x@" + domain);
		if (key.isPresent()) {
			return new Check(Level.OK, "from domain",
					domain + ": " + why + ", signed with selector " + key.get().selector());
		}
		return new Check(missing, "from domain",
				domain + ": " + why + " and there is no DKIM key for it, so its "
						+ "mail goes unsigned and fails DMARC alignment; run introflow dkim keygen --domain " + domain
						+ " --selector <selector>");
	}

	private static Check domainSetting(String name, String setting, String domain) {
		if (domain.toLowerCase(Locale.ROOT).endsWith(EXAMPLE_DOMAIN)) {
			return new Check(Level.WARN, name, setting + " is still the example " + domain + "; set your own domain");
		}
		return new Check(Level.OK, name, domain);
	}

	private List<ReplyAddress> replyAddresses() {
		String domain = properties.mail().replyDomain();
		return List.of(new ReplyAddress("reply+<token>@" + domain, "Reply-To of every email: the answers"),
				new ReplyAddress("intro+<token>@" + domain, "the client copies it on the introduction they write"),
				new ReplyAddress("unsubscribe+<token>@" + domain, "List-Unsubscribe by mail"),
				new ReplyAddress("bounce+<token>@" + domain, "envelope sender: bounces of one email"),
				new ReplyAddress("bounces@" + domain, "envelope sender of mail without a token"));
	}

	private List<DnsRecord> records(DkimKeys keys, Iterable<String> ownerDomains) {
		SortedMap<String, Boolean> fromDomains = new TreeMap<>();
		ownerDomains.forEach(d -> fromDomains.put(d, true));
		fromDomains.put(lower(properties.mail().sendingDomain()), true);
		String reply = lower(properties.mail().replyDomain());
		List<DnsRecord> records = new ArrayList<>();
		records.add(new DnsRecord("MX of the reply domain: the server of the IMAP mailbox Introflow reads",
				reply + ". IN MX 10 <your-imap-server>."));
		records.add(new DnsRecord("SPF of the reply domain, the envelope sender SPF checks",
				reply + ". IN TXT \"v=spf1 include:<your-relay's-spf-domain> ~all\""));
		for (String domain : fromDomains.keySet()) {
			records.add(new DnsRecord("SPF of " + domain + " (merge into its one v=spf1 record if it has one)",
					domain + ". IN TXT \"v=spf1 include:<your-relay's-spf-domain> ~all\""));
			keys.forAddress("x@" + domain)
				.ifPresent(key -> records.add(new DnsRecord("DKIM public key of " + domain, key.txtRecord())));
			records.add(new DnsRecord(
					"DMARC of " + domain + " (if it has none yet; start with p=none, read the "
							+ "reports, then tighten)",
					"_dmarc." + domain + ". IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc-reports@" + domain + "\""));
		}
		return records;
	}

	private static String lower(String domain) {
		return domain.toLowerCase(Locale.ROOT);
	}

	/** How a check came out. */
	public enum Level {

		OK, WARN, FAIL

	}

	/** One line of the check: its outcome, what was checked and what was found. */
	public record Check(Level level, String name, String detail) {
	}

	/** An address form on the reply domain and what it is for. */
	public record ReplyAddress(String address, String purpose) {
	}

	/** A DNS record to publish, as a zone-file line, and why. */
	public record DnsRecord(String purpose, String line) {
	}

	/**
	 * Everything the doctor found.
	 *
	 * @param checks the checks in order
	 * @param replyAddresses the addresses on the reply domain that must reach the mailbox
	 * Introflow reads
	 * @param records the DNS records to publish
	 */
	public record Report(List<Check> checks, List<ReplyAddress> replyAddresses, List<DnsRecord> records) {

		public boolean failed() {
			return checks.stream().anyMatch(c -> c.level() == Level.FAIL);
		}

	}

}
