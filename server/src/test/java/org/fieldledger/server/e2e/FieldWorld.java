package org.fieldledger.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.FieldDeviceConfig;
import org.fieldledger.client.LoginFailedException;
import org.fieldledger.client.store.JdbcSqlDatabase;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestFiles;
import org.fieldledger.server.testing.TestServer;

/**
 * A small county for end-to-end tests: the real server over a fresh database, two towns of the 2024 Hi-tech Zone
 * notice (王因街道 and 柳行街道), their inspectors, a town office, a supervisor, households on the smoke-alarm project
 * (001 #2, 129 households), and devices built on client-core with their own SQLite files.
 */
final class FieldWorld implements AutoCloseable {
    static final String WANGYIN = "王因街道";
    static final String LIUXING = "柳行街道";
    static final TemplateRef SMOKE_ALARM = TemplateRef.parse("smoke-alarm-installation@1");
    static final GeoPoint WANGYIN_HOUSEHOLD_37 = new GeoPoint(35.4012, 116.5633, 6.0);

    final TestServer server;
    private final List<JdbcSqlDatabase> databases = new ArrayList<>();
    /** The devices' database files and photo folders. */
    private final Path devices = TestFiles.newDirectory("field-world-");

    private FieldWorld(TestServer server) {
        this.server = server;
    }

    static FieldWorld start(Backend backend) {
        return start(backend, Map.of());
    }

    static FieldWorld start(Backend backend, Map<String, Object> properties) {
        FieldWorld world = new FieldWorld(TestServer.start(backend, properties));
        world.server.createUser("wang.inspector", "INSPECTOR", WANGYIN);
        world.server.createUser("li.inspector", "INSPECTOR", WANGYIN);
        world.server.createUser("liu.inspector", "INSPECTOR", LIUXING);
        world.server.createUser("wangyin.office", "TOWN_OFFICE", WANGYIN);
        world.server.createUser("du.supervisor", "SUPERVISOR");
        return world;
    }

    /** A household on the smoke-alarm list, created through the office API. */
    SiteId household(String id, String area, String name) {
        TestServer.Response created = server.post("/api/v1/sites", "{\"id\":\"" + id + "\",\"name\":\"" + name
                + "\",\"kind\":\"HOUSEHOLD\",\"area\":\"" + area + "\",\"address\":\"" + area + name + "\","
                + "\"location\":{\"latitude\":35.4012,\"longitude\":116.5633},\"projects\":[\"gaoxin-2024-2\"]}",
                server.adminToken());
        if (created.status() != 201) {
            throw new AssertionError("cannot create site: " + created);
        }
        return new SiteId(id);
    }

    /** A device of {@code username} with its own database file, logged in once (the only step needing a network). */
    FieldDevice device(String username, String deviceId, Clock clock) {
        return device(username, deviceId, clock, builder -> { });
    }

    /** A device as above, with its photo directory beside its database and settings of the test's own. */
    FieldDevice device(String username, String deviceId, Clock clock,
                       java.util.function.Consumer<FieldDeviceConfig.Builder> settings) {
        try {
            Path file = Files.createTempFile(devices, "device-" + deviceId + "-", ".db");
            JdbcSqlDatabase database = JdbcSqlDatabase.openSqlite(file.toFile());
            databases.add(database);
            FieldDeviceConfig.Builder builder = FieldDeviceConfig.builder(database, server.uri("").toString())
                    .deviceId(deviceId).clock(clock).random(new java.util.Random(7))
                    .photoDirectory(Files.createTempDirectory(devices, "photos-" + deviceId + "-"));
            settings.accept(builder);
            FieldDevice device = FieldDevice.open(builder.build());
            device.login(username, TestServer.USER_PASSWORD);
            return device;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LoginFailedException e) {
            throw new AssertionError(e);
        }
    }

    /** An access token of one of the world's users, from a login without a device (a console session). */
    String token(String username) {
        return server.login(username, TestServer.USER_PASSWORD).accessToken();
    }

    /** Records and submits, offline, a smoke-alarm installation check that passes. */
    static VisitId recordAlarmCheck(FieldDevice device, SiteId household, String serial) {
        VisitId draft = device.startVisit(household, SMOKE_ALARM);
        answerAll(device, draft, serial);
        try {
            return device.submit(draft, WANGYIN_HOUSEHOLD_37).id();
        } catch (org.fieldledger.client.InvalidVisitException e) {
            throw new AssertionError("the visit should be valid: " + e.getMessage(), e);
        }
    }

    static void answerAll(FieldDevice device, VisitId draft, String serial) {
        alarmAnswers(serial).forEach((question, value) -> device.answer(draft, question, value));
    }

    /** Every answer of a smoke-alarm installation check that passes. */
    static Map<String, AnswerValue> alarmAnswers(String serial) {
        Map<String, AnswerValue> answers = new java.util.LinkedHashMap<>();
        answers.put("resident_name", new AnswerValue.Text("张桂兰"));
        answers.put("lives_alone", new AnswerValue.YesNo(true));
        answers.put("alarm_serial", new AnswerValue.Text(serial));
        answers.put("alarm_model", new AnswerValue.Text("JTY-GD-SA1201"));
        answers.put("placement", new AnswerValue.SingleChoice("bedroom_ceiling"));
        answers.put("distance_to_wall_m", new AnswerValue.Numeric(new BigDecimal("0.80")));
        answers.put("test_sounds", new AnswerValue.YesNo(true));
        answers.put("audible_at_bed", new AnswerValue.YesNo(true));
        answers.put("phone_alert_received", new AnswerValue.YesNo(true));
        answers.put("contact_phone", new AnswerValue.Text("13853712345"));
        answers.put("power_status", new AnswerValue.SingleChoice("battery_ok"));
        answers.put("resident_trained", new AnswerValue.YesNo(true));
        answers.put("photos", new AnswerValue.Photos(Arrays.asList(photo(serial + "-ceiling"),
                photo(serial + "-phone"))));
        answers.put("resident_signature", new AnswerValue.Signature(photo(serial + "-signature")));
        answers.put("location", new AnswerValue.Location(WANGYIN_HOUSEHOLD_37));
        return answers;
    }

    /** A stand-in photo reference: uploads are not part of these tests, only the visit's record of its photos. */
    static PhotoRef photo(String seed) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new PhotoRef(java.util.HexFormat.of().formatHex(digest));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Submits a passing smoke-alarm check directly ({@code POST /api/v1/visits}) whose {@code photos} answer claims
     * {@code photos}; fails the test unless it is accepted.
     */
    VisitId visitClaiming(String token, String visitId, SiteId site, PhotoRef... photos) {
        List<PhotoRef> claimed = new ArrayList<>(Arrays.asList(photos));
        if (claimed.size() < 2) {
            claimed.add(photo(visitId + "-phone-screenshot"));     // the checklist asks for two
        }
        return visitWith(token, visitId, site, Map.of("photos", new AnswerValue.Photos(claimed)));
    }

    /**
     * Submits directly a passing smoke-alarm check whose {@code photos} answer claims {@code photos} and whose
     * resident's signature is {@code signature}, all by their bytes' hashes; fails the test unless it is accepted.
     */
    VisitId visitWithPhotos(String token, String visitId, SiteId site, byte[] signature, byte[]... photos) {
        List<PhotoRef> refs = new ArrayList<>();
        for (byte[] photo : photos) {
            refs.add(TestPhotos.ref(photo));
        }
        return visitWith(token, visitId, site, Map.of("photos", new AnswerValue.Photos(refs),
                "resident_signature", new AnswerValue.Signature(TestPhotos.ref(signature))));
    }

    /** Submits directly a passing smoke-alarm check with some answers changed; fails the test unless accepted. */
    VisitId visitWith(String token, String visitId, SiteId site, Map<String, AnswerValue> changes) {
        Map<String, AnswerValue> answers = alarmAnswers("SA-" + visitId);
        answers.putAll(changes);
        TestServer.Response created = server.post("/api/v1/visits", org.fieldledger.model.sync.WireJson.writePayload(
                org.fieldledger.model.sync.MutationType.SUBMIT_VISIT, Pushes.alarmVisit(visitId, site, SMOKE_ALARM,
                        answers)), token);
        if (created.status() != 201) {
            throw new AssertionError("cannot submit visit " + visitId + ": " + created);
        }
        return new VisitId(visitId);
    }

    /** Uploads a photo by tus in one PATCH, as any client may; fails the test unless the server keeps it. */
    void uploadPhoto(String token, byte[] photo) {
        String sha = TestPhotos.sha256(photo);
        TestServer.Response created = server.send(server.request("/api/v1/uploads", token)
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(photo.length))
                .header("Upload-Metadata", "sha256 " + java.util.Base64.getEncoder().encodeToString(
                        sha.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        if (created.status() != 201) {
            throw new AssertionError("cannot create an upload: " + created);
        }
        TestServer.Response sent = server.send(server.request(created.header("Location"), token)
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofByteArray(photo)).build());
        if (sent.status() != 204) {
            throw new AssertionError("the upload was refused: " + sent);
        }
    }

    /** How many times the ledger records this visit as submitted: exactly once, whatever happened on the way. */
    int submissions(VisitId visit) {
        return count("SELECT COUNT(*) FROM ledger_entry WHERE entity_type = 'VISIT' AND action = 'SUBMITTED'"
                + " AND entity_id = ?", visit.value());
    }

    int count(String sql, Object... parameters) {
        return server.bean(Database.class).read(connection -> Sql.queryOne(connection, sql, row -> row.getInt(1),
                parameters)).orElseThrow();
    }

    long ledgerHead() {
        return server.bean(Database.class).read(connection -> Sql.queryOne(connection,
                "SELECT position FROM ledger_head", row -> row.getLong(1))).orElseThrow();
    }

    @Override
    public void close() {
        databases.forEach(JdbcSqlDatabase::close);
        server.close();
        TestFiles.delete(devices);
    }
}
