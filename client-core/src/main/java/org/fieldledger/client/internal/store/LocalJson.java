package org.fieldledger.client.internal.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.visit.CheckOutcome;

/**
 * The few values the local store keeps as JSON that are not protocol documents of their own. Protocol shapes (sites,
 * answers, changes, payloads) are stored with {@code WireJson}, so there is one format for each thing.
 */
final class LocalJson {
    private LocalJson() {
    }

    static String geo(GeoPoint point) {
        if (point == null) {
            return null;
        }
        JsonObject json = new JsonObject();
        json.addProperty("latitude", point.latitude());
        json.addProperty("longitude", point.longitude());
        if (point.accuracyMeters() != null) {
            json.addProperty("accuracyMeters", point.accuracyMeters());
        }
        return json.toString();
    }

    static GeoPoint geo(String text) {
        if (text == null) {
            return null;
        }
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        JsonElement accuracy = json.get("accuracyMeters");
        return new GeoPoint(json.get("latitude").getAsDouble(), json.get("longitude").getAsDouble(),
                accuracy == null ? null : accuracy.getAsDouble());
    }

    static String outcome(CheckOutcome outcome) {
        if (outcome == null) {
            return null;
        }
        JsonObject json = new JsonObject();
        json.addProperty("passed", outcome.passed());
        JsonArray failed = new JsonArray();
        outcome.failedQuestions().forEach(failed::add);
        json.add("failedQuestions", failed);
        return json.toString();
    }

    static CheckOutcome outcome(String text) {
        if (text == null) {
            return null;
        }
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        List<String> failed = new ArrayList<>();
        json.getAsJsonArray("failedQuestions").forEach(question -> failed.add(question.getAsString()));
        return new CheckOutcome(json.get("passed").getAsBoolean(), failed);
    }
}
