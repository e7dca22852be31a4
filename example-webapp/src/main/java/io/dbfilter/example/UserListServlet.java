package io.dbfilter.example;

import io.dbfilter.Db;
import io.dbfilter.PageRequest;
import io.dbfilter.Pagination;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code GET /users}: the users ordered by username, a page at a time ({@code ?page=2&per_page=10}). */
public class UserListServlet extends PageServlet {
    @Override
    String allowedMethods(HttpServletRequest request) {
        return "GET, HEAD";
    }

    /** A larger {@code per_page} is capped: no visitor can make the server load a whole table. */
    static final int MAX_PER_PAGE = 100;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Pagination<User> users = Db.paginate(
                Db.session().createQuery("select u from User u order by u.username", User.class),
                PageRequest.fromRequest().maxPerPage(MAX_PER_PAGE));
        String perPage = request.getParameter("per_page") == null ? "" : "&per_page=" + users.perPage();
        Views.render(response, HttpServletResponse.SC_OK, "user/list.jte", Map.of("users", users, "perPage", perPage));
    }
}
