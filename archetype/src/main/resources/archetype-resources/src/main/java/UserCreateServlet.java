package ${package};

import io.dbfilter.Db;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /users/create} shows the form; {@code POST} creates the user and redirects to its page,
 * or shows the form again with 400 (no username) or 409 (a taken username).
 *
 * <p>There are no logins yet, so no session for a forged form to ride on; once there are, give the form
 * a CSRF token as dbfilter's example application does.
 */
public class UserCreateServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        show(response, HttpServletResponse.SC_OK, "", "", null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = trimmed(request.getParameter("username"));
        String email = trimmed(request.getParameter("email"));
        if (username.isEmpty()) {
            show(response, HttpServletResponse.SC_BAD_REQUEST, username, email, "Enter a username.");
            return;
        }
        User user = new User(username, email.isEmpty() ? null : email);
        try {
            Db.session().persist(user);
            Db.commit();
        } catch (PersistenceException e) {
            // The unique constraint is the only race-free check that a username is free.
            if (!Db.isUniqueViolation(e)) {
                throw e;
            }
            show(response, HttpServletResponse.SC_CONFLICT, username, email, "The username " + username + " is taken.");
            return;
        }
        response.sendRedirect(request.getContextPath() + "/user/" + user.getId());
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    private static void show(HttpServletResponse response, int status, String username, String email, String error)
            throws IOException {
        Map<String, Object> params = new HashMap<>(); // Map.of refuses the null error
        params.put("username", username);
        params.put("email", email);
        params.put("error", error);
        Views.render(response, status, "user/create.jte", params);
    }
}
