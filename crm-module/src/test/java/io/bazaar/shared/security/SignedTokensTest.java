package io.bazaar.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignedTokensTest {
    private final SignedTokens tokens = new SignedTokens("test", "a-secret-of-sufficient-length");

    @Test
    void aSignedTokenVerifiesToItsFields() {
        String t = tokens.sign(List.of("v1", "abc", "42"));
        assertThat(tokens.verify(t)).contains(List.of("v1", "abc", "42"));
    }

    @Test
    void anyAlteredCharacter_orAnotherKey_isRefused() {
        String t = tokens.sign(List.of("v1", "abc", "42"));
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '.') {
                continue;
            }
            char c = t.charAt(i);
            String altered = t.substring(0, i) + (c == 'A' ? 'B' : 'A') + t.substring(i + 1);
            assertThat(tokens.verify(altered)).as("position %d", i).isEmpty();
        }
        assertThat(new SignedTokens("other", "a-secret-of-sufficient-length").verify(t)).isEmpty();
        assertThat(new SignedTokens("test", "another-secret-of-length").verify(t)).isEmpty();
    }

    @Test
    void malformedTokens_areRefused_notThrown() {
        for (String bad : new String[] {null, "", ".", "abc", "abc.", ".abc", "!!!.???", "a".repeat(2000)}) {
            assertThat(tokens.verify(bad)).isEmpty();
        }
    }

    @Test
    void fieldsWithTheSeparator_andShortSecrets_areRejected() {
        assertThatThrownBy(() -> tokens.sign(List.of("a|b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignedTokens("x", "short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opaqueTokens_haveTheirShape_andHashDeterministically() {
        String t = OpaqueTokens.newToken("bzr_");
        assertThat(OpaqueTokens.hasShape("bzr_", t)).isTrue();
        assertThat(OpaqueTokens.hasShape("bzc_", t)).isFalse();
        assertThat(OpaqueTokens.hasShape("bzr_", t + "x")).isFalse();
        assertThat(OpaqueTokens.hasShape("bzr_", null)).isFalse();
        assertThat(OpaqueTokens.sha256(t)).hasSize(32).isEqualTo(OpaqueTokens.sha256(t));
        assertThat(OpaqueTokens.newToken("bzr_")).isNotEqualTo(t);
    }
}
