package io.dbfilter.example;

import io.dbfilter.Db;
import io.dbfilter.Window;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/users}: the users newest first as JSON, ten at a time, for a client that loads
 * more as it scrolls: {@code {"users": [...], "next": "...", "previous": null}}; it passes
 * {@code next} back as {@code ?cursor=} for the following ten, until {@code next} is null. A
 * cursor that this list did not write is a 400.
 */
public class UsersApiServlet extends PageServlet {
    @Override
    String allowedMethods(HttpServletRequest request) {
        return "GET, HEAD";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Window<User> users = Db.scroll(NewestUsersServlet.newest(), NewestUsersServlet.SIZE);
        var json = new StringBuilder("{\"users\": [");
        String separator = "";
        for (User user : users) {
            json.append(separator).append("{\"id\": ").append(user.getId()).append(", \"username\": ")
                    .append(string(user.getUsername())).append(", \"email\": ").append(string(user.getEmail()))
                    .append(", \"createdAt\": ").append(string(user.getCreatedAt().toString())).append('}');
            separator = ", ";
        }
        json.append("], \"next\": ").append(string(users.next())).append(", \"previous\": ")
                .append(string(users.previous())).append('}');
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().print(json);
    }

    /** A JSON string, or null. Escapes what JSON requires, and {@code <} so the body never reads as markup. */
    static String string(String value) {
        if (value == null) {
            return "null";
        }
        var json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '\u2028' || c == '\u2029') {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
