package io.introflow.demo;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import io.introflow.template.MailtoLink;

/**
 * Plays the clients' side of the demo for real: reads what each scripted client received
 * and answers over SMTP, as a person (or their mail program) would.
 */
final class DemoClients {

	/** What a scripted client does. */
	enum Behaviour {

		/** replies "yes" to the introduction request */
		AGREES,
		/** opens the prefilled intro link and sends exactly what it says */
		USES_PREFILLED_INTRO,
		/** replies "no thanks" to the introduction request */
		DECLINES,
		/** is away: an auto-reply answers the first email */
		OUT_OF_OFFICE

	}

	private final GreenMail greenMail;

	private final Map<String, Behaviour> script;

	private final Session session;

	private final Set<String> handled = new HashSet<>();

	private final List<String> log = new ArrayList<>();

	DemoClients(GreenMail greenMail, int smtpPort, Map<String, Behaviour> script) {
		this.greenMail = greenMail;
		this.script = script;
		Properties p = new Properties();
		p.put("mail.smtp.host", "127.0.0.1");
		p.put("mail.smtp.port", String.valueOf(smtpPort));
		p.put("mail.smtp.localhost", "clients.example");
		p.put("mail.smtp.connectiontimeout", "5000");
		p.put("mail.smtp.timeout", "5000");
		this.session = Session.getInstance(p);
	}

	/**
	 * Answers every new email the scripted clients received; returns one line per action.
	 */
	List<String> play(LocalDate day) throws MessagingException, IOException {
		log.clear();
		for (Map.Entry<String, Behaviour> entry : script.entrySet()) {
			String client = entry.getKey();
			List<MimeMessage> inbox = greenMail
				.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(client), m -> true)
				.toList();
			for (MimeMessage received : inbox) {
				if (handled.add(client + received.getMessageID())) {
					act(client, entry.getValue(), received, day);
				}
			}
		}
		return List.copyOf(log);
	}

	private void act(String client, Behaviour behaviour, MimeMessage received, LocalDate day)
			throws MessagingException, IOException {
		boolean isAsk = received.getMessageID().startsWith("<ask.");
		switch (behaviour) {
			case OUT_OF_OFFICE -> {
				if (handled.add(client + "#away")) {
					LocalDate back = day.plusDays(6);
					MimeMessage reply = reply(client, received, "Automatic reply: " + received.getSubject(),
							"Thank you for your message. I am out of the office until " + back
									+ " with limited access to email.\r\n");
					reply.setHeader("Auto-Submitted", "auto-replied");
					send(reply);
					log.add(client + " is away: auto-reply (back " + back + ") to '" + received.getSubject() + "'");
				}
			}
			case AGREES -> {
				if (isAsk) {
					send(reply(client, received, "Re: " + received.getSubject(),
							"Yes, happy to! Let me think about who would be the best fit.\r\n\r\nOn " + day
									+ ", your team wrote:\r\n> " + received.getSubject() + "\r\n"));
					log.add(client + " replied: yes");
				}
			}
			case DECLINES -> {
				if (isAsk) {
					send(reply(client, received, "Re: " + received.getSubject(),
							"No thanks, not right now. We are in the middle of a reorganisation.\r\n\r\n"
									+ "-----Original Message-----\r\n" + "Subject: " + received.getSubject() + "\r\n"));
					log.add(client + " replied: no thanks");
				}
			}
			case USES_PREFILLED_INTRO -> {
				if (isAsk) {
					MailtoLink.Parts intro = MailtoLink.parse(mailtoIn(received));
					MimeMessage message = new MimeMessage(session);
					message.setFrom(new InternetAddress(client));
					message.setRecipients(Message.RecipientType.TO, addresses(intro.to()));
					message.setRecipients(Message.RecipientType.CC, addresses(intro.cc()));
					message.setSubject(intro.subject(), "UTF-8");
					message.setText(intro.body(), "UTF-8");
					send(message);
					log.add(client + " used the prefilled intro: to " + intro.to() + ", cc " + intro.cc());
				}
			}
		}
	}

	private MimeMessage reply(String client, MimeMessage received, String subject, String text)
			throws MessagingException {
		MimeMessage reply = new MimeMessage(session);
		reply.setFrom(new InternetAddress(client));
		Address[] replyTo = received.getReplyTo();
		reply.setRecipients(Message.RecipientType.TO, replyTo);
		reply.setSubject(subject, "UTF-8");
		reply.setHeader("In-Reply-To", received.getMessageID());
		reply.setHeader("References", received.getMessageID());
		reply.setText(text, "UTF-8");
		return reply;
	}

	private void send(MimeMessage message) throws MessagingException {
		message.saveChanges();
		Transport.send(message);
	}

	private static InternetAddress[] addresses(List<String> list) throws MessagingException {
		InternetAddress[] out = new InternetAddress[list.size()];
		for (int i = 0; i < out.length; i++) {
			out[i] = new InternetAddress(list.get(i), true);
		}
		return out;
	}

	/**
	 * The prefilled intro link: the one-click button of the HTML part (the text part
	 * carries the forwardable block, never the link), as a client's mail program would
	 * follow it.
	 */
	static String mailtoIn(MimeMessage message) throws MessagingException, IOException {
		for (Element link : Jsoup.parse(part(message, "text/html")).select("a[href^=mailto:]")) {
			if (!link.attr("href").contains("unsubscribe")) {
				return link.attr("href");
			}
		}
		throw new IllegalStateException("the ask " + message.getMessageID() + " carries no mailto: link");
	}

	/**
	 * The first part of the type, however deep in the tree of parts; empty when there is
	 * none.
	 */
	private static String part(jakarta.mail.Part message, String type) throws MessagingException, IOException {
		if (message.isMimeType(type)) {
			return String.valueOf(message.getContent());
		}
		if (message.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = part(multipart.getBodyPart(i), type);
				if (!found.isEmpty()) {
					return found;
				}
			}
		}
		return "";
	}

}
