package io.introflow.demo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An in-process GreenMail (SMTP and IMAP on free loopback ports) set up like a production
 * reply domain: every address at the reply domain ({@code reply+token},
 * {@code intro+token}, {@code unsubscribe+token}) lands in one tracking mailbox, as a
 * catch-all or sub-addressed mailbox would.
 */
public final class DemoMailServer implements AutoCloseable {

	public static final String TRACKING_PASSWORD = "demo-tracking-password";

	private final GreenMail greenMail;

	private final String trackingUser;

	private final String replyDomain;

	public DemoMailServer(String replyDomain) {
		ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		ServerSetup imap = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
		this.greenMail = new GreenMail(new ServerSetup[] { smtp, imap });
		this.replyDomain = replyDomain;
		this.trackingUser = "tracking@" + replyDomain;
		greenMail.start();
		GreenMailUser tracking = greenMail.setUser(trackingUser, trackingUser, TRACKING_PASSWORD);
		UserManager users = greenMail.getUserManager();
		MessageDeliveryHandler standard = users.getMessageDeliveryHandler();
		String domain = "@" + replyDomain.toLowerCase(Locale.ROOT);
		users.setMessageDeliveryHandler(
				(message, address) -> address.getEmail().toLowerCase(Locale.ROOT).endsWith(domain) ? tracking
						: standard.handle(message, address));
	}

	public GreenMail greenMail() {
		return greenMail;
	}

	public int smtpPort() {
		return greenMail.getSmtp().getPort();
	}

	public int imapPort() {
		return greenMail.getImap().getPort();
	}

	public String trackingUser() {
		return trackingUser;
	}

	/**
	 * The settings that send through this server and read the tracking mailbox from it.
	 */
	public Map<String, Object> settings() {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("introflow.mail.reply-domain", replyDomain);
		p.put("introflow.smtp.host", "127.0.0.1");
		p.put("introflow.smtp.port", String.valueOf(smtpPort()));
		p.put("introflow.smtp.starttls", "off");
		p.put("introflow.inbound.source", "imap");
		p.put("introflow.imap.host", "127.0.0.1");
		p.put("introflow.imap.port", String.valueOf(imapPort()));
		p.put("introflow.imap.username", trackingUser);
		p.put("introflow.imap.password", TRACKING_PASSWORD);
		return p;
	}

	@Override
	public void close() {
		greenMail.stop();
	}

}
