package io.introflow.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import io.introflow.inbound.ImapSource;

/**
 * Health component {@code imap}: whether the reply mailbox answers (and accepts the login
 * when credentials are set). Absent when replies are not read over IMAP
 * ({@code introflow.inbound.source} is {@code folder} or {@code none}).
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "introflow.inbound.source", havingValue = "imap")
class ImapHealthIndicator extends ReachabilityHealth {

	ImapHealthIndicator(ImapSource source) {
		super(() -> source.probe(PROBE_TIMEOUT));
	}

}
