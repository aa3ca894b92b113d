package com.shop.cdc.common.transform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 when it parses and is valid for the default region, libphonenumber's
 * answer exactly. Its parse runs a dozen regular expressions written for free text (extensions,
 * RFC 3966, vanity letters) and is most of the cost; a number already written internationally —
 * a {@code +}, then digits, spaces and hyphens only, the common stored form — is read here instead,
 * following the same steps, and anything those steps would treat specially (a national prefix, a
 * leading zero, a length out of bounds) takes libphonenumber's parse. {@code E164PhonesTest} holds
 * the two to the same result.
 */
final class E164Phones {

    /** Bounds libphonenumber puts on a national significant number and a country calling code. */
    private static final int MIN_NATIONAL_DIGITS = 2;
    private static final int MAX_NATIONAL_DIGITS = 17;
    private static final int MAX_COUNTRY_CODE_DIGITS = 3;
    /** Anything longer is no phone number in this form; libphonenumber's parse decides. */
    private static final int MAX_INTERNATIONAL_LENGTH = 64;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final MetadataSource metadataSource = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    private final Set<Integer> callingCodes = Set.copyOf(phones.getSupportedCallingCodes());
    private final String defaultRegion;
    /** Parse reads a number with the metadata of its code, unless its region is the default and that is unknown. */
    private final boolean knownDefaultRegion;
    /** By country calling code: the national prefix the region's numbers may carry, if any. */
    private final ConcurrentHashMap<Integer, Optional<Pattern>> nationalPrefixes = new ConcurrentHashMap<>();

    E164Phones(String defaultRegion) {
        this.defaultRegion = defaultRegion;
        this.knownDefaultRegion = phones.getSupportedRegions().contains(defaultRegion);
    }

    /** The number in E.164, or the text unchanged when it does not parse or is not a valid number. */
    String normalise(String text) {
        try {
            PhoneNumber number = international(text);
            if (number == null) {
                number = phones.parse(text, defaultRegion);
            }
            return phones.isValidNumber(number) ? phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : text;
        } catch (NumberParseException e) {
            return text;
        }
    }

    /**
     * What {@code parse} makes of {@code +}, digits, spaces and hyphens, or null for any other text
     * or any number whose parse takes a branch not followed here. Such text has nothing before the
     * {@code +} or after the last digit to trim, no extension, no RFC 3966 parameters and no letters,
     * so parse strips the {@code +}, keeps the digits, takes the shortest known country calling code
     * and reads the rest as the national number, stripping a national prefix it recognises.
     */
    PhoneNumber international(String text) {
        int length = text.length();
        if (!knownDefaultRegion || length < 2 || length > MAX_INTERNATIONAL_LENGTH
                || text.charAt(0) != '+' || !isDigit(text.charAt(length - 1))) {
            return null;
        }
        StringBuilder digits = new StringBuilder(length);
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                digits.append(c);
            } else if (c != ' ' && c != '-') {
                return null;
            }
        }
        if (digits.length() <= MIN_NATIONAL_DIGITS || digits.charAt(0) == '0') {
            return null; // parse finds two digits after a + too short, and no calling code starts with 0
        }
        for (int codeLength = 1; codeLength <= MAX_COUNTRY_CODE_DIGITS; codeLength++) {
            int countryCode = Integer.parseInt(digits, 0, codeLength, 10);
            if (callingCodes.contains(countryCode)) {
                return national(countryCode, digits.substring(codeLength));
            }
        }
        return null; // an unknown country calling code: parse words the failure
    }

    private PhoneNumber national(int countryCode, String national) {
        if (national.length() < MIN_NATIONAL_DIGITS || national.length() > MAX_NATIONAL_DIGITS || national.charAt(0) == '0') {
            return null;
        }
        // get before computeIfAbsent, whose method reference would be an allocation a number
        Optional<Pattern> nationalPrefix = nationalPrefixes.get(countryCode);
        if (nationalPrefix == null) {
            nationalPrefix = nationalPrefixes.computeIfAbsent(countryCode, this::nationalPrefix);
        }
        if (nationalPrefix.isPresent() && nationalPrefix.get().matcher(national).lookingAt()) {
            return null; // parse may strip it, depending on the lengths and patterns of the region
        }
        return new PhoneNumber().setCountryCode(countryCode).setNationalNumber(Long.parseLong(national));
    }

    /** From the metadata parse consults for a number of this code: its main region's or, for 001, the code's. */
    private Optional<Pattern> nationalPrefix(int countryCode) {
        String region = phones.getRegionCodeForCountryCode(countryCode);
        PhoneMetadata metadata = region.equals(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY)
                ? metadataSource.getMetadataForNonGeographicalRegion(countryCode) : metadataSource.getMetadataForRegion(region);
        if (metadata == null || metadata.getNationalPrefixForParsing().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Pattern.compile(metadata.getNationalPrefixForParsing()));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
