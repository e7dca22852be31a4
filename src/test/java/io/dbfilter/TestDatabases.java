package io.dbfilter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory Derby databases for tests, each with a name of its own so tests never share rows. */
final class TestDatabases {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private TestDatabases() {
    }

    static String memoryUrl() {
        return "jdbc:derby:memory:test" + COUNT.incrementAndGet() + ";create=true";
    }

    /** Settings for a fresh in-memory database mapping the test model, plus {@code extra} key/value pairs. */
    static Map<String, String> settings(String... extra) {
        var settings = new HashMap<String, String>();
        settings.put("db.url", memoryUrl());
        settings.put("db.packages", "io.dbfilter.model");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return settings;
    }

    /** A started database with its tables created. */
    static Database create(String... extra) {
        Database database = Database.create(settings(extra));
        database.createAll();
        return database;
    }
}
