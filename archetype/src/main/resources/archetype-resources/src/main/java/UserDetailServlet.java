package ${package};

import io.dbfilter.Db;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code GET /user/42}: one user; 404 for an unknown or non-numeric id, and for {@code /user} itself. */
public class UserDetailServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo(); // "/42"; null for /user
        User user = Db.getOr404(User.class, path == null ? "" : path.substring(1));
        Views.render(response, HttpServletResponse.SC_OK, "user/detail.jte", Map.of("user", user));
    }
}
