package io.introflow.template;

/**
 * The output of one template set: a one-line subject, a plain-text part and an HTML part
 * (null when the template kind has none, as for the prefilled intro, which travels inside
 * a {@code mailto:} link).
 */
public record RenderedEmail(String subject, String text, String html) {
}
