package ${package};

import io.dbfilter.Db;
import io.dbfilter.PageRequest;
import io.dbfilter.Pagination;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code GET /users}: the users in username order, a page at a time ({@code ?page=2}). */
public class UserListServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Pagination<User> users = Db.paginate(
                Db.session().createQuery("select u from User u order by u.username", User.class),
                PageRequest.fromRequest().maxPerPage(100)); // no visitor can make the server load a whole table
        Views.render(response, HttpServletResponse.SC_OK, "user/list.jte", Map.of("users", users));
    }
}
