package io.dbfilter.example;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the pages show a moment: in UTC, to the minute. */
public final class Dates {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Dates() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
