package io.introflow.inbound;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a person's answer is read, with the phrases of the shipped
 * {@code batch-config/introflow.yml}: the observations of issue 14, and the rule that an
 * apology, thanks, "not yet" or "let me think" is never a decline.
 */
class ReplyClassifierTests {

	private final ReplyClassifier classifier = new ReplyClassifier(shippedPhrases(), null);

	@Test
	void aYesThatAsksAgreesAndCarriesTheQuestion() {
		Classification c = classifier
			.answer("Happy to help! But I never got the checklist... and is it OK if I mention your pricing?");

		assertThat(c.kind()).isEqualTo(Classification.Kind.AGREED);
		assertThat(c.question()).isTrue();
		assertThat(c.intents()).isEqualTo("question");
	}

	@Test
	void anApologyFollowedByAQuestionIsAQuestion() {
		Classification c = classifier.answer(
				"Sorry for the slow reply. Before I write to Sara: what exactly would you want to talk to her about?");

		assertThat(c.kind()).isEqualTo(Classification.Kind.QUESTION);
	}

	@Test
	void aPlainYesToTheValueEmailAgreesWithoutAQuestion() {
		Classification c = classifier.answer("Yes please, send it over!");

		assertThat(c.kind()).isEqualTo(Classification.Kind.AGREED);
		assertThat(c.question()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Sorry for the slow reply, I was travelling.", "Sorry!", "Thanks!",
			"Thank you so much for the checklist.", "Not yet - still thinking about who would fit.",
			"Let me think about it.", "Maybe later in the year.", "No problem, I'll look around.",
			"No worries, I'll get back to you.", "Noch nicht, ich melde mich.", "Pas encore, je réfléchis.",
			"Todavía no, lo pienso.", "Nog niet.", "Ainda não, mas vou pensar.",
			"Malheureusement je n'ai pas reçu la liste.", "Leider kann ich erst nächste Woche antworten.",
			"ありがとうございます。", "Sorry, was out. Who are you looking for?" })
	void apologiesThanksAndNotYetAreNeverADecline(String text) {
		Classification c = classifier.answer(text);

		assertThat(c.kind()).as(c.evidence())
			.isNotEqualTo(Classification.Kind.DECLINED)
			.isIn(Classification.Kind.NEEDS_REVIEW, Classification.Kind.QUESTION, Classification.Kind.AGREED);
	}

	@Test
	void whatSaysNeitherYesNorNoNorAsksIsForReview() {
		assertThat(classifier.answer("Let me think about it.").kind()).isEqualTo(Classification.Kind.NEEDS_REVIEW);
		assertThat(classifier.answer("ご連絡ありがとうございます。").kind()).isEqualTo(Classification.Kind.NEEDS_REVIEW);
	}

	@Test
	void aReplyThatSaysBothNoAndYesIsForReview() {
		Classification c = classifier.answer("Nope, not too busy at all. Happy to help.");

		assertThat(c.kind()).isEqualTo(Classification.Kind.NEEDS_REVIEW);
		assertThat(c.evidence()).contains("conflicting");
	}

	@Test
	void anExplicitRefusalStillDeclines() {
		assertThat(classifier.answer("No thanks, not right now.").kind()).isEqualTo(Classification.Kind.DECLINED);
		assertThat(classifier.answer("Sorry, I can't think of anyone at the moment.").kind())
			.isEqualTo(Classification.Kind.DECLINED);
		assertThat(classifier.answer("Leider nicht, mir fällt niemand ein.").kind())
			.isEqualTo(Classification.Kind.DECLINED);
	}

	static ReplyPhrases shippedPhrases() {
		try {
			StandardEnvironment env = new StandardEnvironment();
			new YamlPropertySourceLoader().load("introflow", new FileSystemResource("batch-config/introflow.yml"))
				.forEach(env.getPropertySources()::addLast);
			return new Binder(ConfigurationPropertySources.get(env)).bind("introflow.replies", ReplyPhrases.class)
				.get();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
