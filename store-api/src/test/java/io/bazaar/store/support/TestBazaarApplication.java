package io.bazaar.store.support;

import io.bazaar.store.BazaarApplication;
import io.bazaar.testing.MutableClock;
import java.time.Clock;

/** The real application with a clock the test can move. */
public class TestBazaarApplication extends BazaarApplication {
    public final MutableClock clock = new MutableClock();

    @Override
    protected Clock clock() {
        return clock;
    }
}
