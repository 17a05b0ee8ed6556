package io.introflow.contact;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A contact's extra columns as a JSON object of strings, sorted by name so that equal
 * content stores equally.
 */
final class Attributes {

	private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
	};

	private final JsonMapper json = JsonMapper.builder().build();

	String write(Map<String, String> attributes) {
		return attributes.isEmpty() ? null : json.writeValueAsString(new TreeMap<>(attributes));
	}

	Map<String, String> read(String stored) {
		return (stored == null || stored.isBlank()) ? Map.of() : json.readValue(stored, MAP);
	}

}
