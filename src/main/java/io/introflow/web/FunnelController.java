package io.introflow.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.introflow.report.FunnelBreakdown;
import io.introflow.report.FunnelBreakdown.Group;
import io.introflow.report.FunnelBreakdown.Grouping;
import io.introflow.report.FunnelBreakdown.Stage;

/**
 * The funnel page: asked to won by month, owner, segment, trigger type and A/B variant,
 * as charts (ECharts from its WebJar, drawn by static/js/console-funnel.js from the
 * page's JSON block) over tables that carry the numbers. A rep sees their own
 * introductions' funnel.
 */
@Controller
@ConditionalOnWebApplication
class FunnelController {

	static final String ECHARTS = "/webjars/echarts/5.3.1/dist/echarts.min.js";

	private static final Map<Grouping, String> TITLES = Map.of(Grouping.MONTH, "By month asked", Grouping.OWNER,
			"By owner", Grouping.SEGMENT, "By segment", Grouping.TRIGGER, "By trigger type", Grouping.VARIANT,
			"By A/B variant");

	private final FunnelBreakdown breakdown;

	private final JsonMapper json = JsonMapper.builder().build();

	FunnelController(FunnelBreakdown breakdown) {
		this.breakdown = breakdown;
	}

	/** One chart and its table (public: the template reads it by reflection). */
	public record Section(String key, String title, List<Group> groups, Group total) {
	}

	@GetMapping("/console/funnel")
	String funnel(ConsoleUser me, Model model) {
		List<Section> sections = new ArrayList<>();
		breakdown.all(me.owner())
			.forEach((grouping, groups) -> sections
				.add(new Section(grouping.key(), TITLES.get(grouping), groups, FunnelBreakdown.total(groups))));
		model.addAttribute("stages", Arrays.stream(Stage.values()).map(Stage::key).toList());
		model.addAttribute("sections", sections);
		model.addAttribute("chartData", chartData(sections));
		model.addAttribute("echarts", ECHARTS);
		return "console/funnel";
	}

	/**
	 * The charts' numbers as JSON for a {@code <script type="application/json">} block:
	 * {@code <}, {@code >} and {@code &} are written as JSON escapes, so no value (an
	 * owner, a segment) can end the block.
	 */
	private String chartData(List<Section> sections) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("stages", Arrays.stream(Stage.values()).map(Stage::key).toList());
		data.put("groupings",
				sections.stream()
					.map(s -> Map.of("key", s.key(), "groups",
							s.groups().stream().map(g -> Map.of("name", g.name(), "counts", g.counts())).toList()))
					.toList());
		return json.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
	}

}
