package io.introflow.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An in-process SMTP server (GreenMail, SMTP only, a free loopback port) that accepts
 * every message and keeps none: it counts them by the step their Message-ID names
 * ({@code <value.token@...>}, {@code <ask.token@...>}), so that a benchmark of any size
 * costs no memory per message on the receiving side.
 */
public final class SmtpSink implements AutoCloseable {

	private final GreenMail greenMail;

	private final Map<String, LongAdder> received = new ConcurrentHashMap<>();

	public SmtpSink() {
		greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		Counter counter = new Counter();
		greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> counter);
	}

	public int port() {
		return greenMail.getSmtp().getPort();
	}

	/**
	 * The messages received so far per step (the Message-ID's first part), in name order.
	 */
	public Map<String, Long> received() {
		Map<String, Long> counts = new TreeMap<>();
		received.forEach((step, count) -> counts.put(step, count.sum()));
		return counts;
	}

	@Override
	public void close() {
		greenMail.stop();
	}

	private static String stepOf(MimeMessage message) {
		try {
			String id = message.getMessageID();
			if (id == null) {
				return "(no Message-ID)";
			}
			String bare = id.startsWith("<") ? id.substring(1) : id;
			int dot = bare.indexOf('.');
			return (dot > 0) ? bare.substring(0, dot) : "(other)";
		}
		catch (MessagingException ex) {
			return "(unreadable)";
		}
	}

	/** The one recipient of every message: counts it and drops it. */
	private final class Counter implements GreenMailUser {

		@Override
		public void deliver(MovingMessage message) {
			deliver(message.getMessage());
		}

		@Override
		public void deliver(MimeMessage message) {
			received.computeIfAbsent(stepOf(message), step -> new LongAdder()).increment();
		}

		@Override
		public String getEmail() {
			return "sink@sink.example";
		}

		@Override
		public String getLogin() {
			return getEmail();
		}

		@Override
		public void create() {
		}

		@Override
		public void delete() {
		}

		@Override
		public String getPassword() {
			return "";
		}

		@Override
		public void setPassword(String password) {
		}

		@Override
		public void authenticate(String password) {
		}

		@Override
		public String getQualifiedMailboxName() {
			return "sink";
		}

	}

}
