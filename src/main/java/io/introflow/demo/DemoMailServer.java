package io.introflow.demo;

import java.util.Locale;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An in-process GreenMail (SMTP and IMAP on free loopback ports) set up like a production reply domain: every
 * address at the reply domain ({@code reply+token}, {@code intro+token}, {@code unsubscribe+token}) lands in one
 * tracking mailbox, as a catch-all or sub-addressed mailbox would.
 */
public final class DemoMailServer implements AutoCloseable {

	public static final String TRACKING_PASSWORD = "demo-tracking-password";

	private final GreenMail greenMail;

	private final String trackingUser;

	public DemoMailServer(String replyDomain) {
		ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		ServerSetup imap = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
		this.greenMail = new GreenMail(new ServerSetup[] { smtp, imap });
		this.trackingUser = "tracking@" + replyDomain;
		greenMail.start();
		GreenMailUser tracking = greenMail.setUser(trackingUser, trackingUser, TRACKING_PASSWORD);
		UserManager users = greenMail.getUserManager();
		MessageDeliveryHandler standard = users.getMessageDeliveryHandler();
		String domain = "@" + replyDomain.toLowerCase(Locale.ROOT);
		users.setMessageDeliveryHandler((message, address) -> address.getEmail().toLowerCase(Locale.ROOT)
			.endsWith(domain) ? tracking : standard.handle(message, address));
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

	@Override
	public void close() {
		greenMail.stop();
	}

}
