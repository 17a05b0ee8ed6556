package io.introflow.intro;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.introflow.offer.ValueOffers;
import io.introflow.offer.ValueOffers.ValueOffer;
import io.introflow.outbound.Outbox;
import io.introflow.template.EmailContext;

/**
 * The value offer of each introduction: chosen by segment and trigger type until its
 * value email is composed, then the one recorded with that email, so that a composition
 * again after a restart carries the same offer and later emails speak of what was sent,
 * not of what the configuration says today.
 */
@Component
class IntroOffers {

	private final ValueOffers offers;

	private final IntroductionRepository introductions;

	private final Outbox outbox;

	IntroOffers(ValueOffers offers, IntroductionRepository introductions, Outbox outbox) {
		this.offers = offers;
		this.introductions = introductions;
		this.outbox = outbox;
	}

	/**
	 * The recorded offer (if still configured, by its id), else the one chosen now for
	 * the segment and trigger type.
	 */
	Optional<ValueOffer> of(String recordedOfferId, String segment, String triggerType) {
		return (recordedOfferId != null) ? offers.find(recordedOfferId) : offers.choose(segment, triggerType);
	}

	/**
	 * The recorded offer (if still configured), else the one chosen now for the segment
	 * and trigger type.
	 */
	Optional<ValueOffer> of(Introduction intro, String triggerType) {
		Optional<IntroductionRepository.RecordedOffer> recorded = introductions.valueOffer(intro.id());
		if (recorded.isPresent()) {
			return offers.find(recorded.get().offerId());
		}
		return offers.choose(intro.segment(), triggerType);
	}

	/** Records the offer the value email of this step carries. */
	void recordSent(Introduction intro, ValueOffer offer, String stepKey) {
		introductions.recordValueOffer(intro.id(), offer.id(), stepKey);
	}

	/**
	 * The offer as templates see it: delivered once the email that carried it is SENT.
	 */
	EmailContext.Offer view(Introduction intro, ValueOffer offer) {
		boolean delivered = introductions.valueOffer(intro.id())
			.filter(r -> r.offerId().equals(offer.id()))
			.flatMap(r -> outbox.find(intro.id(), r.stepKey()))
			.map(row -> "SENT".equals(row.state()))
			.orElse(false);
		return view(offer, delivered);
	}

	/**
	 * The offer as templates see it, told whether the email that carried it was
	 * delivered.
	 */
	static EmailContext.Offer view(ValueOffer offer, boolean delivered) {
		return new EmailContext.Offer(offer.id(), offer.title(), offer.description(), offer.url(),
				offer.attachmentName(), delivered);
	}

}
