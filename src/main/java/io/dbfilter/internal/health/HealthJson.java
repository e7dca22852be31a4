package io.dbfilter.internal.health;

import java.util.List;

/** The body a health check answers with: small, flat, and the same for every reader. */
public final class HealthJson {
    private HealthJson() {
    }

    /**
     * The JSON of a health check.
     *
     * @param database the Database's name
     * @param checks   one answer per bind
     * @return for example {@code {"status":"UP","database":"dbfilter-1","binds":[{"bind":"default",...}]}}
     */
    public static String of(String database, List<BindCheck> checks) {
        boolean up = checks.stream().allMatch(BindCheck::up);
        var json = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"database\":");
        string(json, database).append(",\"binds\":[");
        for (int i = 0; i < checks.size(); i++) {
            BindCheck check = checks.get(i);
            json.append(i == 0 ? "{" : ",{").append("\"bind\":");
            string(json, check.bind() == null ? "default" : check.bind()).append(",\"pool\":");
            string(json, check.pool()).append(",\"status\":\"").append(check.up() ? "UP" : "DOWN").append('"')
                    .append(",\"millis\":").append(check.millis())
                    .append(",\"active\":").append(check.active())
                    .append(",\"idle\":").append(check.idle())
                    .append(",\"total\":").append(check.total())
                    .append(",\"waiting\":").append(check.waiting())
                    .append(",\"maximum\":").append(check.maximum());
            if (check.error() != null) {
                string(json.append(",\"error\":"), check.error());
            }
            if (check.replica() != null) {
                json.append(",\"replica\":{\"status\":\"").append(check.replica()).append('"');
                if (check.lag() >= 0) {
                    json.append(",\"lagMillis\":").append(check.lag());
                }
                json.append('}');
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
