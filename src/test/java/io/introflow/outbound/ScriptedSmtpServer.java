package io.introflow.outbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket SMTP server whose behaviour is scripted per connection and per message, to
 * play the relays of a bad day: black holes, servers that drip continuation lines, drop
 * the connection before or after the final {@code .}, stall past the client's read
 * timeout, or answer 421/451. It records the Message-ID of every message it fully
 * received (up to its final {@code .}), as a real server would have it, whatever it
 * answered afterwards — except a 4xx after the data, which refuses the message.
 */
final class ScriptedSmtpServer implements AutoCloseable {

	/** What the server does wrong, if anything. */
	enum Fault {

		/** Behaves. */
		NONE,
		/** Connection: accepts TCP, never says anything. */
		BLACK_HOLE,
		/**
		 * Connection: sends {@code 220-} lines, one per drip interval, never the last
		 * one.
		 */
		DRIP_GREETING,
		/** Message: answers 421 to RCPT TO and closes. */
		REPLY_421_AT_RCPT,
		/** Message: closes the connection instead of answering DATA. */
		DROP_AT_DATA,
		/** Message: closes the connection after a few lines of the data. */
		DROP_MID_DATA,
		/** Message: receives it whole, then closes without an answer. */
		DROP_AFTER_DOT,
		/** Message: receives it whole, then answers 250 only after the stall. */
		STALL_AFTER_DOT,
		/**
		 * Message: receives it whole, then sends {@code 250-} lines, one per drip
		 * interval, never the last one.
		 */
		DRIP_AFTER_DOT,
		/** Message: receives it whole, then refuses it with 451. */
		REPLY_451_AFTER_DOT,
		/** Message: receives it whole, then refuses it with 421 and closes. */
		REPLY_421_AFTER_DOT

	}

	/** Chooses the faults. */
	interface Script {

		default Fault onConnect(int connection) {
			return Fault.NONE;
		}

		/**
		 * @param attempt how many times this recipient was named in a transaction, this
		 * one included
		 */
		Fault onMessage(String recipient, int attempt);

	}

	private final ServerSocket server;

	private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "scripted-smtp");
		t.setDaemon(true);
		return t;
	});

	private final Duration drip;

	private final Duration stall;

	private volatile Script script;

	private final AtomicInteger connectionCount = new AtomicInteger();

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

	ScriptedSmtpServer(Script script, Duration drip, Duration stall) throws IOException {
		this.script = script;
		this.drip = drip;
		this.stall = stall;
		this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "scripted-smtp-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return server.getLocalPort();
	}

	void script(Script script) {
		this.script = script;
	}

	/**
	 * Message-ID (with its angle brackets) to how many times the server received that
	 * message whole.
	 */
	Map<String, AtomicInteger> received() {
		return received;
	}

	int connections() {
		return connectionCount.get();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				int n = connectionCount.incrementAndGet();
				connections.execute(() -> serve(socket, n));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket, int number) {
		try (socket) {
			socket.setSoTimeout(30_000);
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			Fault connectionFault = script.onConnect(number);
			if (connectionFault == Fault.BLACK_HOLE) {
				while (in.read() >= 0) {
					// says nothing, whatever comes
				}
				return;
			}
			if (connectionFault == Fault.DRIP_GREETING) {
				drip(out, "220-scripted.example still waking up");
				return;
			}
			send(out, "220 scripted.example ESMTP");
			session(in, out);
		}
		catch (IOException | InterruptedException ex) {
			// the client went away: that is what these tests are about
		}
	}

	private void session(InputStream in, OutputStream out) throws IOException, InterruptedException {
		String recipient = null;
		Fault fault = Fault.NONE;
		String line;
		while ((line = readLine(in)) != null) {
			String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
			switch (verb) {
				case "EHLO" -> send(out, "250-scripted.example\r\n250 8BITMIME");
				case "HELO", "RSET", "NOOP" -> send(out, "250 OK");
				case "QUIT" -> {
					send(out, "221 bye");
					return;
				}
				case "MAIL" -> {
					recipient = null;
					fault = Fault.NONE;
					send(out, "250 OK");
				}
				case "RCPT" -> {
					recipient = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase(Locale.ROOT);
					int attempt = attempts.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
					fault = script.onMessage(recipient, attempt);
					if (fault == Fault.REPLY_421_AT_RCPT) {
						send(out, "421 4.3.2 Service shutting down");
						return;
					}
					send(out, "250 OK");
				}
				case "DATA" -> {
					if (fault == Fault.DROP_AT_DATA) {
						return;
					}
					send(out, "354 go ahead");
					if (!data(in, out, fault)) {
						return;
					}
				}
				default -> send(out, "500 5.5.1 unknown command");
			}
		}
	}

	/**
	 * @return false when the connection is to be dropped
	 */
	private boolean data(InputStream in, OutputStream out, Fault fault) throws IOException, InterruptedException {
		String messageId = "?";
		boolean inHeader = true;
		int lines = 0;
		String line;
		while ((line = readLine(in)) != null && !line.equals(".")) {
			if (++lines == 3 && fault == Fault.DROP_MID_DATA) {
				return false;
			}
			if (line.isEmpty()) {
				inHeader = false;
			}
			else if (inHeader && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
				messageId = line.substring(11).strip();
			}
		}
		if (line == null) {
			return false;
		}
		if (fault != Fault.REPLY_451_AFTER_DOT && fault != Fault.REPLY_421_AFTER_DOT) {
			received.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
		}
		switch (fault) {
			case DROP_AFTER_DOT -> {
				return false;
			}
			case STALL_AFTER_DOT -> {
				Thread.sleep(stall.toMillis());
				send(out, "250 2.0.0 queued at last");
			}
			case DRIP_AFTER_DOT -> {
				drip(out, "250-still queueing");
				return false;
			}
			case REPLY_451_AFTER_DOT -> send(out, "451 4.3.0 try again later");
			case REPLY_421_AFTER_DOT -> {
				send(out, "421 4.3.2 Service shutting down");
				return false;
			}
			default -> send(out, "250 2.0.0 queued");
		}
		return true;
	}

	/**
	 * Continuation lines, one per drip interval, until the client goes away (or 30 s).
	 */
	private void drip(OutputStream out, String line) throws IOException, InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < end) {
			send(out, line);
			Thread.sleep(drip.toMillis());
		}
	}

	private static void send(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
			}
			line.write(b);
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		server.close();
		connections.shutdownNow();
	}

}
