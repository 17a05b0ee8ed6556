package io.introflow.inbound;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.util.SocketFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.introflow.IntroflowException;
import io.introflow.Reachability;
import io.introflow.Tx;

/**
 * Reads new messages from the reply mailbox over IMAP or IMAPS. UIDVALIDITY and the last
 * UID are remembered per mailbox, so each message is fetched once; only after its raw
 * bytes are stored is it flagged {@code \Seen} and, when {@code introflow.imap.move-to}
 * names a folder, moved there.
 */
@Component
public class ImapSource {

	private static final Logger log = LoggerFactory.getLogger(ImapSource.class);

	private final ImapProperties imap;

	private final InboundStore store;

	private final JdbcClient jdbc;

	private final Tx tx;

	ImapSource(ImapProperties imap, InboundStore store, JdbcClient jdbc, Tx tx) {
		this.imap = imap;
		this.store = store;
		this.jdbc = jdbc;
		this.tx = tx;
	}

	/**
	 * @return how many new messages were stored
	 */
	public int fetch() {
		String protocol = imap.ssl() ? "imaps" : "imap";
		Session session = Session.getInstance(properties(protocol));
		try (Store mailStore = session.getStore(protocol)) {
			mailStore.connect(imap.host(), imap.port(), imap.username(), imap.password());
			Folder folder = mailStore.getFolder(imap.folder());
			folder.open(Folder.READ_WRITE);
			try {
				return fetchNew((UIDFolder) folder, folder);
			}
			finally {
				folder.close(imap.moveTo() != null && !imap.moveTo().isBlank()); // expunge
																					// what
																					// was
																					// moved
			}
		}
		catch (MessagingException | IOException ex) {
			throw new IntroflowException("cannot read replies from imap://" + imap.host() + ":" + imap.port() + "/"
					+ imap.folder() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Checks that the mailbox answers, for {@code serve}'s health: connects, reads the
	 * greeting and, when credentials are set, logs in and out; every wait is cut to
	 * {@code timeout} (or the configured one, when shorter). Nothing is read or flagged.
	 */
	public Reachability probe(Duration timeout) {
		String server = imap.host() + ":" + imap.port();
		String protocol = imap.ssl() ? "imaps" : "imap";
		Duration quick = (imap.timeout().compareTo(timeout) < 0) ? imap.timeout() : timeout;
		Properties properties = properties(protocol, quick);
		try {
			if (imap.username() == null || imap.username().isBlank()) {
				greeting(properties, protocol);
			}
			else {
				try (Store mailStore = Session.getInstance(properties).getStore(protocol)) {
					mailStore.connect(imap.host(), imap.port(), imap.username(), imap.password());
				}
			}
			return Reachability.reached(server);
		}
		catch (MessagingException | IOException ex) {
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			return Reachability.unreachable(server,
					(root == ex) ? String.valueOf(ex.getMessage()).strip() : ex.getMessage() + ": " + root);
		}
	}

	/**
	 * Without credentials: the server's greeting line ({@code * OK}) is the sign of life,
	 * then LOGOUT.
	 */
	private void greeting(Properties properties, String protocol) throws IOException {
		try (Socket socket = SocketFetcher.getSocket(imap.host(), imap.port(), properties, "mail." + protocol,
				imap.ssl())) {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String line = in.readLine();
			if (line == null || !(line.startsWith("* OK") || line.startsWith("* PREAUTH"))) {
				throw new IOException("no IMAP greeting (got "
						+ ((line == null) ? "nothing" : "'" + line.substring(0, Math.min(line.length(), 80)) + "'")
						+ ")");
			}
			socket.getOutputStream().write("a1 LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
		}
	}

	private int fetchNew(UIDFolder uids, Folder folder) throws MessagingException, IOException {
		String mailbox = imap.username() + "@" + imap.host() + ":" + imap.port() + "/" + imap.folder();
		long validity = uids.getUIDValidity();
		Folder moveTo = null;
		if (imap.moveTo() != null && !imap.moveTo().isBlank()) {
			moveTo = folder.getStore().getFolder(imap.moveTo());
			if (!moveTo.exists()) {
				moveTo.create(Folder.HOLDS_MESSAGES);
			}
		}
		long lastUid = lastUid(mailbox, validity);
		int stored = 0;
		for (Message message : uids.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID)) {
			long uid = uids.getUID(message);
			if (uid <= lastUid) {
				continue; // "n:*" always returns the newest message, even when it is
							// older than n
			}
			if (storeSpooled(message, mailbox + ";uid=" + uid)) {
				stored++;
			}
			message.setFlag(Flags.Flag.SEEN, true);
			if (moveTo != null) {
				folder.copyMessages(new Message[] { message }, moveTo);
				message.setFlag(Flags.Flag.DELETED, true);
			}
			saveCursor(mailbox, validity, uid);
		}
		return stored;
	}

	/**
	 * A message of any size goes through a temporary file, never whole through the heap.
	 */
	private boolean storeSpooled(Message message, String source) throws MessagingException, IOException {
		Path spool = Files.createTempFile("introflow-imap-", ".eml");
		try {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool))) {
				message.writeTo(out);
			}
			return store.store(spool, source);
		}
		finally {
			Files.deleteIfExists(spool);
		}
	}

	private long lastUid(String mailbox, long validity) {
		return jdbc.sql("SELECT uid_validity, last_uid FROM mailbox_cursor WHERE mailbox = ?")
			.param(mailbox)
			.query((rs, n) -> (rs.getLong(1) == validity) ? rs.getLong(2) : 0L)
			.optional()
			.orElse(0L);
	}

	private void saveCursor(String mailbox, long validity, long uid) {
		tx.runInNew(() -> {
			int updated = jdbc.sql("UPDATE mailbox_cursor SET uid_validity = ?, last_uid = ? WHERE mailbox = ?")
				.params(validity, uid, mailbox)
				.update();
			if (updated == 0) {
				jdbc.sql("INSERT INTO mailbox_cursor (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)")
					.params(mailbox, validity, uid)
					.update();
			}
		});
	}

	private Properties properties(String protocol) {
		return properties(protocol, imap.timeout());
	}

	private static Properties properties(String protocol, Duration timeout) {
		Properties p = new Properties();
		String millis = String.valueOf(timeout.toMillis());
		p.put("mail." + protocol + ".connectiontimeout", millis);
		p.put("mail." + protocol + ".timeout", millis);
		p.put("mail." + protocol + ".writetimeout", millis);
		// a large message streams to its spool file in pieces of this size (the default,
		// 16 KB, is many round trips)
		p.put("mail." + protocol + ".fetchsize", "1048576");
		return p;
	}

}
