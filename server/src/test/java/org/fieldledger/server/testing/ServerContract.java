package org.fieldledger.server.testing;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test contract that runs once per database: a test class declares one {@code @Nested} subclass per
 * {@link Backend}, and every test of the contract runs against a real server on that database, started once for the
 * class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerContract {
    private final Backend backend;
    protected TestServer server;

    protected ServerContract(Backend backend) {
        this.backend = backend;
    }

    protected Backend backend() {
        return backend;
    }

    /** Settings the contract's server starts with, over the test defaults. */
    protected Map<String, Object> serverProperties() {
        return Map.of();
    }

    @BeforeAll
    void startServer() {
        server = TestServer.start(backend, serverProperties());
    }

    @AfterAll
    void stopServer() {
        server.close();
    }
}
