package io.bazaar.store.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A real SMTP server (GreenMail) on a free local port, for tests that read the emails the store sends.
 * Create it in a static initialiser, before the application, so the app's first send finds it listening;
 * stop it in {@code @AfterAll}.
 */
public final class TestSmtp {
    public final int port;
    public final GreenMail server;

    private TestSmtp(int port, GreenMail server) {
        this.port = port;
        this.server = server;
    }

    public static TestSmtp start() {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return new TestSmtp(port, g);
    }
}
