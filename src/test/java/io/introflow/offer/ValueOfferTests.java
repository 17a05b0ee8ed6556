package io.introflow.offer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.introflow.Installation;
import io.introflow.TestInstallation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Value offers end to end through the CLI: the shipped batch-config/value-offers.yml, a
 * real H2 file database and real SMTP (GreenMail). The value email carries the offer;
 * later emails know whether it was delivered.
 */
class ValueOfferTests {

	private static final String CLIENTS = """
			email,name,company,relationship,owner_email,owner_name,segment,locale,time_zone
			alice@acme.example,Alice Archer,Acme Corp,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			bob@bolt.example,Bob Brown,Bolt Ltd,customer,maria.lopez@introflow.example,Maria Lopez,customer,en,Europe/London
			dan@delta.example,Dan Diaz,Delta Inc,customer,james.okafor@introflow.example,James Okafor,customer,en,Europe/London
			""";

	private static final String TRIGGERS = """
			contact_email,type,occurred_at,note,prospect_name,prospect_email,prospect_company
			alice@acme.example,go_live,2026-03-01,The rollout was calm,,,
			bob@bolt.example,nps_promoter,2026-03-01,,,,
			dan@delta.example,renewal,2026-03-01,Renewed for three years,,,
			""";

	@RegisterExtension
	final TestInstallation app = new TestInstallation();

	@BeforeEach
	void install() throws IOException {
		app.inbox("clients.csv", CLIENTS);
		app.inbox("triggers.csv", TRIGGERS);
	}

	@Test
	void valueEmailCarriesTheAttachmentOrTheLinkChosenBySegmentAndTriggerType() throws Exception {
		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.err()).isZero();
		// a customer's go-live: the checklist, attached to the value email itself, byte
		// for byte
		MimeMessage alice = app.inboxOf("alice@acme.example").get(0);
		assertThat(alice.isMimeType("multipart/mixed")).isTrue();
		Multipart mixed = (Multipart) alice.getContent();
		assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).as("the readable parts first").isTrue();
		BodyPart file = mixed.getBodyPart(1);
		assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
		assertThat(file.getFileName()).isEqualTo("go-live-checklist.md");
		assertThat(file.getContentType()).startsWith("text/markdown");
		try (InputStream in = file.getInputStream()) {
			assertThat(in.readAllBytes())
				.isEqualTo(Files.readAllBytes(app.home().resolve("batch-config/offers/go-live-checklist.md")));
		}
		assertThat(text(alice)).contains("I have attached the go-live checklist (go-live-checklist.md)")
			.doesNotContain("send it over");
		// a customer's renewal: the link, and nothing attached
		MimeMessage dan = app.inboxOf("dan@delta.example").get(0);
		assertThat(dan.isMimeType("multipart/alternative")).isTrue();
		assertThat(text(dan)).contains("https://introflow.example/guides/yearly-review");
		assertThat(app.query("SELECT referrer_email, value_offer, value_offer_step FROM introduction ORDER BY id"))
			.extracting(
					row -> row.get("referrer_email") + " " + row.get("value_offer") + " " + row.get("value_offer_step"))
			.containsExactly("alice@acme.example go-live-checklist value", "bob@bolt.example go-live-checklist value",
					"dan@delta.example renewal-review value");
	}

	@Test
	void askSaysTheOfferWasUsefulOnlyWhenTheValueEmailCarryingItWasSent() throws Exception {
		assertThat(app.run("run", "nightly", "--date=2026-03-02").exitCode()).isZero();
		// bob's value email did not reach him: the state a refused recipient (5xx at send
		// time) leaves in the outbox
		app.execute("UPDATE outbound_email SET state = 'FAILED', last_error = '550 no such user' WHERE recipient = ?",
				"bob@bolt.example");

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-04");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(text(app.inboxOf("alice@acme.example").get(1)))
			.contains("I hope the go-live checklist has been useful.");
		MimeMessage bobsAsk = app.inboxOf("bob@bolt.example").get(1);
		assertThat(bobsAsk.getMessageID()).startsWith("<ask.");
		assertThat(text(bobsAsk)).doesNotContain("has been useful", "checklist").contains("Most of our best clients");
	}

	@Test
	void laterEmailsKeepTheOfferRecordedWithTheValueEmailWhenTheConfigurationChanges() throws Exception {
		assertThat(app.run("run", "nightly", "--date=2026-03-02").exitCode()).isZero();
		// marketing ops puts a link offer first that would now match every customer
		Path config = app.home().resolve("batch-config/value-offers.yml");
		Files.writeString(config, Files.readString(config).replace("    offers:\n", """
				    offers:
				      - id: webinar
				        title: The spring webinar
				        url: https://introflow.example/webinar
				"""));

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-04");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(text(app.inboxOf("alice@acme.example").get(1)))
			.contains("I hope the go-live checklist has been useful.")
			.doesNotContain("webinar");
		assertThat(app.query("SELECT value_offer FROM introduction WHERE referrer_email = ?", "alice@acme.example"))
			.singleElement()
			.satisfies(row -> assertThat(row.get("value_offer")).isEqualTo("go-live-checklist"));
	}

	@Test
	void aMissingAttachmentFileStopsEveryCommandAtStartNamingIt() throws Exception {
		Files.delete(app.home().resolve("batch-config/offers/go-live-checklist.md"));

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("go-live-checklist", "batch-config/offers/go-live-checklist.md");
		assertThat(app.greenMail().getReceivedMessages()).isEmpty();
	}

	@Test
	void aLinkThatIsNotHttpsStopsAtStartWithExitTwo() throws Exception {
		Path config = app.home().resolve("batch-config/value-offers.yml");
		Files.writeString(config,
				Files.readString(config)
					.replace("https://introflow.example/guides/yearly-review",
							"http://introflow.example/guides/yearly-review"));

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("renewal-review", "https://");
	}

	@Test
	void aMistypedKeyStopsAtStartWithExitTwoNamingIt() throws Exception {
		Path config = app.home().resolve("batch-config/value-offers.yml");
		Files.writeString(config, Files.readString(config)
			.replace("trigger-types: [renewal, cadence]", "triger-types: [renewal, cadence]"));

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("triger-types");
	}

	@Test
	void templatesSeeTheTriggerTypeDateAndNote() throws Exception {
		Path template = app.home().resolve("templates/value/customer/a.md");
		String[] parts = Files.readString(template).split("---\n", 3); // "", the front
																		// matter, the
																		// body
		Files.writeString(template, "---\n" + parts[1] + "---\nMoment: ${trigger.type} on ${trigger.date}"
				+ "<#if trigger.hasNote>, \"${trigger.note}\"</#if>.<#if offer??> Offer: ${offer.title}.</#if>\n\n"
				+ parts[2]);

		Installation.Run run = app.run("run", "nightly", "--date=2026-03-02");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(text(app.inboxOf("alice@acme.example").get(0)))
			.startsWith("Moment: go_live on 2026-03-01, \"The rollout was calm\". Offer: The go-live checklist.");
		assertThat(text(app.inboxOf("bob@bolt.example").get(0)))
			.startsWith("Moment: nps_promoter on 2026-03-01. Offer: The go-live checklist.");
	}

	/** The plain-text part, wherever it is in the tree of parts. */
	private static String text(Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return io.introflow.template.FlowedText.decode(((String) part.getContent()).replace("\r\n", "\n"));
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = text(multipart.getBodyPart(i));
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
