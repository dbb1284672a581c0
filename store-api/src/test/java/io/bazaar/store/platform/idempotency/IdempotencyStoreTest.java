package io.bazaar.store.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sealing of stored responses; the whole flow is in IdempotencyIT. */
class IdempotencyStoreTest {
    private static final byte[] BODY = "{\"token\":\"bzc_secret\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSealedBodyOpensWithItsKeyAndScope_only() {
        byte[] sealed = IdempotencyStore.seal("anonymous", "key-1", BODY);
        assertThat(IdempotencyStore.unseal("anonymous", "key-1", sealed)).isEqualTo(BODY);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("bzc_secret");
        assertThatThrownBy(() -> IdempotencyStore.unseal("anonymous", "key-2", sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IdempotencyStore.unseal("principal:someone", "key-1", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSameBodyIsSealedDifferentlyEachTime_andAnEmptyBodyToo() {
        assertThat(IdempotencyStore.seal("anonymous", "k", BODY))
                .isNotEqualTo(IdempotencyStore.seal("anonymous", "k", BODY));
        byte[] empty = IdempotencyStore.seal("anonymous", "k", new byte[0]);
        assertThat(IdempotencyStore.unseal("anonymous", "k", empty)).isEmpty();
    }

    @Test
    void theDigestIsHexSha256OfScopeNewlineKey() {
        // printf 'anonymous\nabc' | sha256sum; migration V101 computes the same in SQL for older records.
        assertThat(IdempotencyStore.digest("anonymous", "abc"))
                .isEqualTo("f9559161ff6e4443d9a2c547ac983fa7c49ba5d8926f6d99324f3624684958a4");
    }
}
