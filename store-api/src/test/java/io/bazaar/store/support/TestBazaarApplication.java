package io.bazaar.store.support;

import io.bazaar.store.BazaarApplication;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.testing.MutableClock;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Clock;

/** The real application with a clock the test can move, plus one endpoint that fails unexpectedly. */
public class TestBazaarApplication extends BazaarApplication {
    public final MutableClock clock = new MutableClock();

    @Override
    protected Clock clock() {
        return clock;
    }

    @Override
    public void run(BazaarConfiguration config, Environment env) throws Exception {
        super.run(config, env);
        env.jersey().register(new BoomResource());
    }

    /** Simulates a programming error deep in a request, to check what a client sees of a 500. */
    @Path("/v1/test/boom")
    public static class BoomResource {
        @GET
        public String boom() {
            throw new IllegalStateException("secret internal detail: password=hunter2 at row 42");
        }
    }
}
