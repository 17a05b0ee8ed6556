package io.introflow.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import io.introflow.outbound.SmtpProbe;

/**
 * Health component {@code smtp}: whether the relay answers (greeting, EHLO, and AUTH when
 * credentials are set).
 */
@Component
@ConditionalOnWebApplication
class SmtpHealthIndicator extends ReachabilityHealth {

	SmtpHealthIndicator(SmtpProbe probe) {
		super(() -> probe.probe(PROBE_TIMEOUT));
	}

}
