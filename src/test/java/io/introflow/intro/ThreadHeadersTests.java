package io.introflow.intro;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.introflow.outbound.Outbox;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadHeadersTests {

	@Test
	void aLongThreadKeepsItsFirstEmailAndTheLatestOnesAndAnswersTheLast() {
		List<Outbox.Sent> thread = new ArrayList<>();
		for (int i = 1; i <= 14; i++) {
			thread.add(new Outbox.Sent("nudge-" + i, "nudge-" + i + ".tok@introflow.example",
					(i == 1) ? "An introduction?" : "Re: An introduction?"));
		}

		ThreadHeaders headers = ThreadHeaders.follow(thread, "Re: ignored");

		assertThat(headers.references()).hasSize(ThreadHeaders.MAX_REFERENCES)
			.startsWith("<nudge-1.tok@introflow.example>", "<nudge-6.tok@introflow.example>")
			.endsWith("<nudge-14.tok@introflow.example>");
		assertThat(headers.inReplyTo()).isEqualTo("<nudge-14.tok@introflow.example>");
		assertThat(headers.subject()).isEqualTo("Re: An introduction?");
	}

	@Test
	void nothingDeliveredStartsANewThreadWithTheTemplatesSubjectWithoutRe() {
		ThreadHeaders headers = ThreadHeaders.follow(List.of(), "RE: re:  the introduction, Sam");

		assertThat(headers.subject()).isEqualTo("the introduction, Sam");
		assertThat(headers.inReplyTo()).isNull();
		assertThat(headers.references()).isEmpty();
	}

}
