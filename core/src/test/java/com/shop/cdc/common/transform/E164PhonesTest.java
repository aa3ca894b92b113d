package com.shop.cdc.common.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The international fast path against libphonenumber's own parse, validation and formatting. */
class E164PhonesTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<String> DEFAULT_REGIONS = List.of("US", "FR", "GB", "IT", "DE", "KR", "BR", "AR", "RU", "IN",
            "MX", "CN", "JP", "AU", "ZZ", "001");

    /** Random digits after a +, with separators anywhere: most are no valid number, many take the fallback. */
    @Property(tries = 20_000)
    void randomInternationalTextNormalisesAsLibphonenumberDoes(@ForAll("internationalText") String text,
                                                               @ForAll("defaultRegions") String region) {
        assertSameAsLibphonenumber(text, region);
    }

    /** Every region's example numbers of every type, written internationally, nationally and in E.164. */
    @Example
    void everyRegionsExampleNumbers() {
        Random random = new Random(20261130);
        for (String region : PHONES.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                PhoneNumber example = PHONES.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                for (PhoneNumberUtil.PhoneNumberFormat format : PhoneNumberUtil.PhoneNumberFormat.values()) {
                    String text = PHONES.format(example, format);
                    assertSameAsLibphonenumber(text, region);
                    assertSameAsLibphonenumber(text, DEFAULT_REGIONS.get(random.nextInt(DEFAULT_REGIONS.size())));
                }
            }
        }
        for (int code : PHONES.getSupportedGlobalNetworkCallingCodes()) {
            assertSameAsLibphonenumber(PHONES.format(PHONES.getExampleNumberForNonGeoEntity(code),
                    PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL), "FR");
        }
    }

    @Example
    void theFastPathTakesCommonInternationalNumbersAndLeavesTheRest() {
        E164Phones phones = new E164Phones("FR");
        assertThat(phones.international("+33 6 12 34 56 78")).isNotNull();
        assertThat(phones.international("+82 10-1234-5678")).isNotNull();
        assertThat(phones.international("+33 06 12 34 56 78")).isNull(); // a national prefix parse may strip
        assertThat(phones.international("+39 06 1234 5678")).isNull(); // Italy's leading zero
        assertThat(phones.international("+1 (415) 555-0134")).isNull(); // brackets: libphonenumber's parse
        assertThat(phones.international("+44 20 7946 0958 ext. 12")).isNull();
        assertThat(new E164Phones("ZZ").international("+33 6 12 34 56 78")).isNull();
    }

    private static void assertSameAsLibphonenumber(String text, String region) {
        E164Phones phones = new E164Phones(region);
        PhoneNumber fast = phones.international(text);
        if (fast != null) {
            assertThat(fast).as("parse of %s for %s", text, region).isEqualTo(parsed(text, region));
        }
        assertThat(phones.normalise(text)).as("%s for %s", text, region).isEqualTo(libphonenumber(text, region));
    }

    private static PhoneNumber parsed(String text, String region) {
        try {
            return PHONES.parse(text, region);
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static String libphonenumber(String text, String region) {
        PhoneNumber number = parsed(text, region);
        return number != null && PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : text;
    }

    @Provide
    Arbitrary<String> defaultRegions() {
        return Arbitraries.of(DEFAULT_REGIONS);
    }

    /** A + and 1 to 22 digits, led by a known calling code half the time, with spaces and hyphens between. */
    @Provide
    Arbitrary<String> internationalText() {
        Arbitrary<String> code = Arbitraries.oneOf(
                Arbitraries.of(new ArrayList<>(PHONES.getSupportedCallingCodes())).map(String::valueOf),
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(3));
        Arbitrary<String> rest = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(19);
        Arbitrary<List<Integer>> separators = Arbitraries.integers().between(0, 3).list().ofMaxSize(24);
        return Combinators.combine(code, rest, separators).as((c, r, s) -> {
            StringBuilder text = new StringBuilder("+");
            String digits = c + r;
            for (int i = 0; i < digits.length(); i++) {
                int separator = i < s.size() ? s.get(i) : 0;
                text.append(separator == 1 ? " " : separator == 2 ? "-" : separator == 3 ? " - " : "");
                text.append(digits.charAt(i));
            }
            return text.toString();
        });
    }
}
