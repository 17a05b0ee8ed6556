package io.introflow.inbound;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Phrases that decide what a human reply to an ask means, edited by marketing ops in
 * {@code batch-config/introflow.yml}. A phrase matches at word boundaries, case-insensitively; a phrase starting with
 * {@code ^} matches only at the very start of the reply. Declines are checked before agreements.
 */
@ConfigurationProperties("introflow.replies")
public record ReplyPhrases(List<String> declined, List<String> agreed, List<String> unsubscribe) {

	public ReplyPhrases {
		declined = (declined != null) ? declined : List.of();
		agreed = (agreed != null) ? agreed : List.of();
		unsubscribe = (unsubscribe != null) ? unsubscribe : List.of();
	}

}
