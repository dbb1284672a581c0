package io.bazaar.store.fulfilment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CarrierSignatureTest {
    static final byte[] BODY = "{\"event\":\"delivered\"}".getBytes(StandardCharsets.UTF_8);
    final CarrierSignature sig = new CarrierSignature("s3cret", Duration.ofMinutes(5));
    final Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aFreshSignatureOfTheRawBody_verifies() {
        long ts = now.getEpochSecond();
        assertThat(sig.verify(Long.toString(ts), CarrierSignature.sign("s3cret", ts, BODY), BODY, now)).isTrue();
    }

    @Test
    void wrongKey_tamperedBody_staleTimestamp_orGarbage_doNotVerify() {
        long ts = now.getEpochSecond();
        assertThat(sig.verify(Long.toString(ts), CarrierSignature.sign("other", ts, BODY), BODY, now)).isFalse();
        assertThat(sig.verify(Long.toString(ts), CarrierSignature.sign("s3cret", ts, BODY),
                "{\"event\":\"lost\"}".getBytes(StandardCharsets.UTF_8), now)).isFalse();
        long stale = ts - 600;
        assertThat(sig.verify(Long.toString(stale), CarrierSignature.sign("s3cret", stale, BODY), BODY, now)).isFalse();
        assertThat(sig.verify("abc", "sha256=zz", BODY, now)).isFalse();
        assertThat(sig.verify(null, null, BODY, now)).isFalse();
    }

    @Test
    void withoutASecret_nothingVerifies() {
        long ts = now.getEpochSecond();
        assertThat(new CarrierSignature("", Duration.ofMinutes(5)).verify(Long.toString(ts),
                CarrierSignature.sign("x", ts, BODY), BODY, now)).isFalse();
    }
}
