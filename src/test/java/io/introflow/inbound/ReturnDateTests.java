package io.introflow.inbound;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The return date an out-of-office text states, in six languages, written on 2026-11-20.
 */
class ReturnDateTests {

	static final LocalDate WRITTEN = LocalDate.of(2026, 11, 20);

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			I am out of the office until 7 December 2026.                  | 2026-12-07
			Back on December 2nd, 2026.                                     | 2026-12-02
			Out 23 Nov - back 2026-12-01                                    | 2026-12-01
			Ich bin bis zum 04.12.2026 nicht im Büro.                       | 2026-12-04
			Ab dem 30. November bin ich wieder erreichbar.                  | 2026-11-30
			Je suis absente jusqu'au 3 décembre.                            | 2026-12-03
			Estaré fuera hasta el 5 de diciembre.                           | 2026-12-05
			Ik ben afwezig tot 1 december.                                  | 2026-12-01
			Estou de férias até 10 de dezembro de 2026.                     | 2026-12-10
			Away from 21/11 to 12/01/2027, back on 13/01/2027               | 2027-01-13
			Back in January: 8 Jan.                                         | 2027-01-08
			""")
	void findsTheReturnDate(String text, LocalDate expected) {
		assertThat(ReturnDate.in(text, WRITTEN)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			I'm on vacation with no access to email.
			I was out on 2026-11-02 and answered everything.
			Call me on 555 12 34.
			""")
	void findsNoneWhenNoFutureDateIsStated(String text) {
		assertThat(ReturnDate.in(text, WRITTEN)).isNull();
	}

}
