package io.introflow.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Settings the operator made that change nothing, because the feature they belong to is
 * off: an IMAP mailbox while replies are read from nowhere, a reply folder while they are
 * read from IMAP, DKIM keys while DKIM is off. Each is a warning at start and in the
 * nightly report, so a configured-but-inert feature is never silent.
 */
@Component
public class InertSettings {

	private final EffectiveSettings settings;

	InertSettings(EffectiveSettings settings) {
		this.settings = settings;
	}

	/**
	 * One sentence per inert setting, naming it and what to set to make it count; empty
	 * when there is none.
	 */
	public List<String> warnings() {
		List<String> warnings = new ArrayList<>();
		String source = value("introflow.inbound.source").toLowerCase(Locale.ROOT);
		if (!source.equals("imap")) {
			List<String> imap = configured("introflow.imap.host", "introflow.imap.username");
			if (!imap.isEmpty()) {
				warnings.add(String.join(" and ", imap) + " set, but introflow.inbound.source is '" + source
						+ "': no mailbox is read; set introflow.inbound.source=imap to read it");
			}
		}
		if (!source.equals("folder") && !configured("introflow.inbound.folder").isEmpty()) {
			warnings.add("introflow.inbound.folder set, but introflow.inbound.source is '" + source
					+ "': the folder is not read; set introflow.inbound.source=folder to read it");
		}
		if (!Boolean.parseBoolean(value("introflow.sending.dkim.enabled"))) {
			List<String> dkim = configured("introflow.sending.dkim.private-key", "introflow.sending.dkim.domain",
					"introflow.sending.dkim.selector");
			if (!dkim.isEmpty()) {
				warnings.add(String.join(", ", dkim) + " set, but introflow.sending.dkim.enabled is false: "
						+ "mail goes out unsigned; set introflow.sending.dkim.enabled=true to sign it");
			}
		}
		return warnings;
	}

	private String value(String key) {
		return settings.find(key).map(EffectiveSettings.Setting::value).orElse("");
	}

	/**
	 * The keys the operator set to a value. The built-in IMAP host and reply folder are
	 * defaults, not choices; the built-in username and DKIM entries are blank unless an
	 * environment variable fills them in.
	 */
	private List<String> configured(String... keys) {
		List<String> set = new ArrayList<>();
		for (String key : keys) {
			Optional<EffectiveSettings.Setting> setting = settings.find(key);
			if (setting.isPresent() && !setting.get().value().isBlank()
					&& (!setting.get().builtIn() || !key.endsWith(".host") && !key.endsWith(".folder"))) {
				set.add(key);
			}
		}
		return set;
	}

}
