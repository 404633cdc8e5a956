package org.fieldledger.server.admin;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/** The towns and streets: those the notices name, loaded with the catalog, and those admins add. */
@Singleton
public class AreaRepository {
    private final Database database;

    AreaRepository(Database database) {
        this.database = database;
    }

    public List<Area> all() {
        return database.read(connection -> Sql.query(connection, "SELECT name FROM area ORDER BY name",
                row -> new Area(row.getString(1))));
    }

    /** The names among {@code names} that are not areas, in the order given. */
    public List<String> unknown(Connection connection, Collection<String> names) throws SQLException {
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (Sql.queryOne(connection, "SELECT 1 FROM area WHERE name = ?", row -> true, name).isEmpty()) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** Adds an area; false when it exists already. */
    boolean insert(Connection connection, Area area) throws SQLException {
        return Sql.update(connection, "INSERT INTO area (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                area.name()) == 1;
    }
}
