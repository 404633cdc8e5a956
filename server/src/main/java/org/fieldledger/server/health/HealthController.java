package org.fieldledger.server.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/** For load balancers and the README: UP when the server can reach its database. No token needed. */
@Controller("/health")
class HealthController {
    private final Database database;

    HealthController(Database database) {
        this.database = database;
    }

    record Health(String status, String database) {
    }

    @Get
    HttpResponse<Health> health() {
        try {
            database.read(connection -> Sql.queryOne(connection, "SELECT 1", row -> row.getInt(1)));
            return HttpResponse.ok(new Health("UP", "UP"));
        } catch (RuntimeException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Health("DOWN", "DOWN"));
        }
    }
}
