package org.fieldledger.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/**
 * The P-256 key pairs that sign access tokens, kept in the database so that every server instance on one database
 * signs and verifies with the same keys. The newest generation signs; every stored key still verifies, so a key added
 * later does not cut off tokens already handed out.
 */
@Singleton
public class SigningKeys {
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

    private final Database database;
    private final Clock clock;
    private final Map<String, ECKey> byKid = new ConcurrentHashMap<>();
    private volatile ECKey current;

    SigningKeys(Database database) {
        this.database = database;
        this.clock = Clock.systemUTC();
    }

    /** The key that signs new tokens; generated and stored on first use when the database has none. */
    public ECKey current() {
        ECKey key = current;
        if (key == null) {
            synchronized (this) {
                if (current == null) {
                    current = database.write(this::newestOrFirst);
                    byKid.put(current.getKeyID(), current);
                }
                key = current;
            }
        }
        return key;
    }

    /** The key with this id, public and private parts, if the database holds it. */
    public Optional<ECKey> find(String kid) {
        ECKey cached = byKid.get(kid);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ECKey> stored = database.read(connection -> Sql.queryOne(connection,
                "SELECT private_jwk FROM signing_key WHERE kid = ?", row -> parse(row.getString(1)), kid));
        stored.ifPresent(key -> byKid.put(kid, key));
        return stored;
    }

    /**
     * Instances that start together on an empty database each generate a key, but the unique generation lets only
     * one insert land; all of them then read back that one.
     */
    private ECKey newestOrFirst(Connection connection) throws SQLException {
        ECKey generated = generate();
        Sql.update(connection, "INSERT INTO signing_key (kid, generation, algorithm, private_jwk, created_at)"
                        + " VALUES (?, 1, ?, ?, ?) ON CONFLICT (generation) DO NOTHING",
                generated.getKeyID(), ALGORITHM.getName(), generated.toJSONString(), clock.millis());
        return Sql.queryOne(connection, "SELECT private_jwk FROM signing_key ORDER BY generation DESC LIMIT 1",
                row -> parse(row.getString(1))).orElseThrow();
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).algorithm(ALGORITHM).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key pair", e);
        }
    }

    private static ECKey parse(String jwk) throws SQLException {
        try {
            return ECKey.parse(jwk);
        } catch (ParseException e) {
            throw new SQLException("stored signing key is not a valid EC JWK", e);
        }
    }
}
