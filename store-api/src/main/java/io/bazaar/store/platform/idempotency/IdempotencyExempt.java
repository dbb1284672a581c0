package io.bazaar.store.platform.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST whose response must never be stored, because it carries a secret (a session token).
 * Such endpoints ignore {@code Idempotency-Key}; repeating them is harmless by design.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IdempotencyExempt {
    /** Why this endpoint is exempt; for readers, not used at run time. */
    String value();
}
