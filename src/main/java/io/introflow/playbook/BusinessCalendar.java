package io.introflow.playbook;

import java.time.LocalDate;
import java.time.Year;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * Business days per country: not a weekend day, not a public or bank holiday (from
 * Jollyday's calendars, with the configured region), not one of the configured extra days
 * off. A country Jollyday does not know uses the default country's holidays.
 */
@Component
public class BusinessCalendar {

	private static final Logger log = LoggerFactory.getLogger(BusinessCalendar.class);

	private final SequenceProperties.Calendar settings;

	private final Map<String, Set<LocalDate>> holidays = new ConcurrentHashMap<>();

	private final Set<String> known;

	public BusinessCalendar(SequenceProperties properties) {
		this.settings = properties.calendar();
		this.known = HolidayManager.getSupportedCalendarCodes()
			.stream()
			.map(c -> c.toUpperCase(Locale.ROOT))
			.collect(java.util.stream.Collectors.toSet());
		if (!known.contains(settings.defaultCountry())) {
			throw new IllegalArgumentException("introflow.sequences.calendar.default-country: no holiday calendar for '"
					+ settings.defaultCountry() + "' (use an ISO 3166 code such as GB, US, DE)");
		}
	}

	/**
	 * The country whose calendar a contact follows: its own when known, else the default.
	 */
	public String countryOf(String country) {
		String c = (country == null) ? "" : country.strip().toUpperCase(Locale.ROOT);
		return known.contains(c) ? c : settings.defaultCountry();
	}

	public boolean isBusinessDay(String country, LocalDate day) {
		String c = countryOf(country);
		return !settings.weekend().contains(day.getDayOfWeek()) && !holidaysOf(c, day.getYear()).contains(day);
	}

	/** The day itself when it is a business day, else the next business day. */
	public LocalDate onOrAfter(String country, LocalDate day) {
		LocalDate d = day;
		while (!isBusinessDay(country, d)) {
			d = d.plusDays(1);
		}
		return d;
	}

	/** {@code n} business days after {@code from}; with 0, {@link #onOrAfter}. */
	public LocalDate plusBusinessDays(String country, LocalDate from, int n) {
		LocalDate d = onOrAfter(country, from);
		for (int i = 0; i < n; i++) {
			d = onOrAfter(country, d.plusDays(1));
		}
		return d;
	}

	/** The n-th business day (1 = the first) of the month {@code day} is in. */
	public LocalDate nthBusinessDayOfMonth(String country, LocalDate day, int n) {
		return plusBusinessDays(country, day.withDayOfMonth(1), n - 1);
	}

	private Set<LocalDate> holidaysOf(String country, int year) {
		return holidays.computeIfAbsent(country + "/" + year, key -> {
			Set<LocalDate> days = new HashSet<>();
			try {
				HolidayManager manager = HolidayManager
					.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT)));
				String region = settings.regions().get(country);
				Set<Holiday> found = (region != null) ? manager.getHolidays(Year.of(year), region)
						: manager.getHolidays(Year.of(year));
				for (Holiday h : found) {
					if (h.getType() != HolidayType.OBSERVANCE) {
						days.add(h.getActualDate());
					}
				}
			}
			catch (RuntimeException ex) {
				log.warn("No public holidays for {} in {} ({}); only weekends and extra days off count", country, year,
						ex.getMessage());
			}
			days.addAll(settings.extraHolidays().getOrDefault(country, java.util.List.of()));
			return days;
		});
	}

}
