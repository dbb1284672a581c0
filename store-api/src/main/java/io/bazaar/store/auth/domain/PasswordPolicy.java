package io.bazaar.store.auth.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.passay.DictionaryRule;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.RuleResult;
import org.passay.UsernameRule;
import org.passay.dictionary.ArrayWordList;
import org.passay.dictionary.WordListDictionary;
import org.passay.dictionary.sort.ArraysSort;

/**
 * The shop's password rules: at least 8 characters (at most 128), at least one letter and one digit
 * (any script), not one of the 100,000 most common passwords (the list shipped with nbvcxz), and
 * not containing the name part of the account's email. Dictionary and username checks are Passay
 * rules; the list is loaded once.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    private static final String COMMON_PASSWORDS = "/dictionaries/passwords.txt";

    private final PasswordValidator commonAndPersonal;

    public PasswordPolicy() {
        ArrayWordList common = new ArrayWordList(loadCommonPasswords(), false, new ArraysSort());
        this.commonAndPersonal = new PasswordValidator(
                new DictionaryRule(new WordListDictionary(common)),
                new UsernameRule(true, true));
    }

    /** Returns the rules {@code password} breaks, as human-readable messages; empty when it is acceptable. */
    public List<String> violations(String password, String email) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("must not be empty");
            return problems;
        }
        String normalized = Normalizer.normalize(password, Normalizer.Form.NFC);
        int length = normalized.codePointCount(0, normalized.length());
        if (length < MIN_LENGTH) {
            problems.add("must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters long");
        }
        if (normalized.codePoints().noneMatch(Character::isLetter)) {
            problems.add("must contain at least one letter");
        }
        if (normalized.codePoints().noneMatch(Character::isDigit)) {
            problems.add("must contain at least one digit");
        }
        String emailName = emailName(email);
        PasswordData data = emailName.length() >= 3 ? new PasswordData(emailName, normalized) : new PasswordData(normalized);
        RuleResult result = commonAndPersonal.validate(data);
        if (!result.isValid()) {
            result.getDetails().forEach(d -> {
                String message = d.getErrorCode().startsWith("ILLEGAL_USERNAME")
                        ? "must not contain your email name"
                        : "is too common; choose one that is not on lists of popular passwords";
                if (!problems.contains(message)) {
                    problems.add(message);
                }
            });
        }
        return problems;
    }

    private static String emailName(String email) {
        if (email == null) {
            return "";
        }
        int at = email.indexOf('@');
        return (at > 0 ? email.substring(0, at) : email).toLowerCase(Locale.ROOT);
    }

    private static String[] loadCommonPasswords() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException("common password list " + COMMON_PASSWORDS + " missing from classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
