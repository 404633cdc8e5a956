package org.fieldledger.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The visits every contender receives: per device, M visits of the 20-question bench checklist
 * (bench/catalog/templates), all passing, each a SUBMIT_VISIT mutation with the device's next seq. Generated before
 * anything is timed, so client-side JSON building is not part of any figure.
 */
final class Workload {
    static final String AREA = "王因街道";
    static final String TEMPLATE = "bench-household-check";
    static final String PROJECT = "gaoxin-2024-2";

    /** The warm-up's devices are numbered from here, or after the measured ones if there are more. */
    private static final int WARM_UP_FIRST_DEVICE = 900;

    /** The number of this workload's first device; the others follow it. */
    final int firstDevice;
    /** The index of each device's first visit: a warm-up round goes on where the round before it stopped. */
    final int firstVisit;
    final int devices;
    final int visitsPerDevice;
    final int batchSize;
    final String runTag;
    private final long baseMillis = System.currentTimeMillis() - 60_000;

    Workload(int devices, int visitsPerDevice, int batchSize) {
        this(0, devices, visitsPerDevice, batchSize, 0);
    }

    private Workload(int firstDevice, int devices, int visitsPerDevice, int batchSize, int firstVisit) {
        this.firstDevice = firstDevice;
        this.firstVisit = firstVisit;
        this.devices = devices;
        this.visitsPerDevice = visitsPerDevice;
        this.batchSize = batchSize;
        this.runTag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    }

    /**
     * A round of the pushes sent to a contender before its clock starts, by devices of their own, so that neither
     * Java's nor Node's compiler is still at work on the code a push runs while it is measured: a tenth of the measured
     * mutations. Rounds are sent until the contender is no faster than before ({@link Bench#warmUp}).
     */
    Workload warmUp() {
        int warmDevices = Math.min(devices, 10);
        return new Workload(Math.max(WARM_UP_FIRST_DEVICE, firstDevice + devices), warmDevices,
                Math.max(batchSize, total() / 10 / warmDevices), batchSize, 0);
    }

    /** The {@code round}-th round of this workload (the first is 0): the same devices, each with its next visits. */
    Workload round(int round) {
        return new Workload(firstDevice, devices, visitsPerDevice, batchSize, firstVisit + round * visitsPerDevice);
    }

    /** The index after each device's last visit. */
    int endVisit() {
        return firstVisit + visitsPerDevice;
    }

    /** The number of this workload's {@code k}-th device. */
    int device(int k) {
        return firstDevice + k;
    }

    int total() {
        return devices * visitsPerDevice;
    }

    static String username(int device) {
        return String.format("bench.inspector.%03d", device);
    }

    static String deviceId(int device) {
        return String.format("bench-device-%03d", device);
    }

    static String siteId(int device) {
        return String.format("bench-site-%03d", device);
    }

    String visitId(int device, int index) {
        return String.format("v-%s-%03d-%06d", runTag, device, index);
    }

    /** The visit as a SUBMIT_VISIT payload (docs/protocol.md). ASCII only, so strings stay compact. */
    String payload(int device, int index) {
        Instant started = Instant.ofEpochMilli(baseMillis - 3_600_000L + index * 1000L);
        String site = siteId(device);
        StringBuilder json = new StringBuilder(2048);
        json.append("{\"id\":\"").append(visitId(device, index)).append("\",\"revisionOf\":null,\"siteId\":\"")
                .append(site).append("\",\"template\":{\"id\":\"").append(TEMPLATE).append("\",\"version\":1},")
                .append("\"startedAt\":\"").append(started).append("\",\"submittedAt\":\"")
                .append(started.plusSeconds(600)).append("\",\"location\":{\"latitude\":35.4012,")
                .append("\"longitude\":116.5633,\"accuracyMeters\":6.5},\"answers\":{");
        for (int i = 1; i <= 6; i++) {
            json.append(String.format("\"check_%02d\":{\"type\":\"YES_NO\",\"value\":true},", i));
        }
        for (int i = 1; i <= 4; i++) {
            json.append(String.format("\"reading_%02d\":{\"type\":\"NUMBER\",\"value\":%d.%02d},", i,
                    (index + i) % 90, (index * 7 + i) % 100));
        }
        for (int i = 1; i <= 3; i++) {
            json.append(String.format("\"choice_%02d\":{\"type\":\"SINGLE_CHOICE\",\"value\":\"%s\"},", i,
                    i == 2 ? "fair" : "good"));
        }
        json.append("\"issues\":{\"type\":\"MULTI_CHOICE\",\"value\":[\"label_missing\",\"dusty\"]},");
        for (int i = 1; i <= 3; i++) {
            json.append(String.format("\"note_%02d\":{\"type\":\"TEXT\",\"value\":\"device %d visit %d note %d:"
                    + " checked and recorded on site\"},", i, device, index, i));
        }
        List<String> photos = photoSha256s(device, index);
        json.append("\"photos\":{\"type\":\"PHOTO\",\"value\":[\"").append(photos.get(0))
                .append("\",\"").append(photos.get(1)).append("\"]},");
        json.append("\"signature\":{\"type\":\"SIGNATURE\",\"value\":\"").append(photos.get(2))
                .append("\"},");
        json.append("\"location\":{\"type\":\"GPS\",\"value\":{\"latitude\":35.4012,\"longitude\":116.5633,")
                .append("\"accuracyMeters\":6.5}}}}");
        return json.toString();
    }

    /** The photos a visit's answers name: two for question {@code photos}, then the {@code signature}. */
    List<String> photoSha256s(int device, int index) {
        String site = siteId(device);
        return List.of(sha256Hex(site + index + "a"), sha256Hex(site + index + "b"), sha256Hex(site + index + "s"));
    }

    /** One mutation of the push protocol: seq is 1-based and gap-free per device. */
    String mutation(int device, int index, String payload) {
        String hlc = String.format("%016d-%06d-%s", baseMillis, index, deviceId(device));
        return "{\"id\":\"m-" + visitId(device, index) + "\",\"seq\":" + (index + 1) + ",\"type\":\"SUBMIT_VISIT\","
                + "\"hlc\":\"" + hlc + "\",\"payload\":" + payload + "}";
    }

    /** Push request bodies of one device, batch by batch. */
    List<byte[]> pushBodies(int device) {
        List<byte[]> bodies = new ArrayList<>();
        for (int start = firstVisit; start < endVisit(); start += batchSize) {
            StringBuilder body = new StringBuilder(batchSize * 2200);
            body.append("{\"deviceId\":\"").append(deviceId(device)).append("\",\"mutations\":[");
            for (int i = start; i < Math.min(endVisit(), start + batchSize); i++) {
                if (i > start) {
                    body.append(',');
                }
                body.append(mutation(device, i, payload(device, i)));
            }
            bodies.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
