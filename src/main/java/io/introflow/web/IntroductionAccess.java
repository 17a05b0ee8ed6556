package io.introflow.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import io.introflow.inbound.InboundStore;
import io.introflow.intro.IntroductionSearch;

/**
 * What a console user may open of the introductions and their replies: an introduction of
 * another owner answers 404 to a rep, as one that does not exist; so does a reply matched
 * to it, and a reply matched to none (only OPS see those).
 */
@Component
@ConditionalOnWebApplication
class IntroductionAccess {

	private final IntroductionSearch introductions;

	private final InboundStore inbound;

	IntroductionAccess(IntroductionSearch introductions, InboundStore inbound) {
		this.introductions = introductions;
		this.inbound = inbound;
	}

	IntroductionSearch.Found introduction(ConsoleUser me, long id) {
		IntroductionSearch.Found intro = introductions.find(id).orElseThrow(IntroductionAccess::notFound);
		me.mustSee(intro.ownerEmail());
		return intro;
	}

	InboundStore.Stored reply(ConsoleUser me, long inboundId) {
		InboundStore.Stored reply = inbound.find(inboundId).orElseThrow(IntroductionAccess::notFound);
		String owner = (reply.introductionId() != null)
				? introductions.find(reply.introductionId()).map(IntroductionSearch.Found::ownerEmail).orElse(null)
				: null;
		me.mustSee(owner);
		return reply;
	}

	static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
