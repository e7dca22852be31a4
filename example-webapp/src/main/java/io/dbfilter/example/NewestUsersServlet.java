package io.dbfilter.example;

import io.dbfilter.Db;
import io.dbfilter.Window;
import jakarta.persistence.TypedQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /users/newest}: the users newest first, ten at a time, with "Newer" and "Older" links
 * that carry a keyset cursor ({@code ?cursor=}): the next window costs the same however far down
 * it is, and users created meanwhile never push one already shown onto the next window again.
 */
public class NewestUsersServlet extends PageServlet {
    static final int SIZE = 10;

    @Override
    String allowedMethods(HttpServletRequest request) {
        return "GET, HEAD";
    }

    /** The newest users first; users created in the same instant newest id first. */
    static TypedQuery<User> newest() {
        return Db.session().createQuery("select u from User u order by u.createdAt desc, u.id desc", User.class);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Window<User> users = Db.scroll(newest(), SIZE);
        Views.render(response, HttpServletResponse.SC_OK, "user/newest.jte", Map.of("users", users));
    }
}
