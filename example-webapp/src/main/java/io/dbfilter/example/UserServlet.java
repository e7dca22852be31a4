package io.dbfilter.example;

import io.dbfilter.Db;
import io.dbfilter.NotFoundException;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code /user/{id}} (detail), {@code /user/{id}/edit} (GET form, POST save) and
 * {@code /user/{id}/delete} (GET confirmation, POST delete). An unknown or non-numeric id is a 404;
 * a POST to the detail page is a 405.
 */
public class UserServlet extends PageServlet {
    /** The same words for every unknown id: the page never repeats what was typed into the URL. */
    private static final String NO_SUCH_USER = "There is no such user.";

    private record Route(String id, String action) {
        static Route of(HttpServletRequest request) {
            String path = request.getPathInfo() == null ? "" : request.getPathInfo();
            String[] parts = path.split("/");
            if (parts.length == 2) {
                return new Route(parts[1], "");
            }
            if (parts.length == 3 && (parts[2].equals("edit") || parts[2].equals("delete"))) {
                return new Route(parts[1], parts[2]);
            }
            throw new NotFoundException("There is no such page.");
        }
    }

    @Override
    String allowedMethods(HttpServletRequest request) {
        return Route.of(request).action().isEmpty() ? "GET, HEAD" : "GET, HEAD, POST";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Route route = Route.of(request);
        User user = Db.getOr404(User.class, route.id(), NO_SUCH_USER);
        switch (route.action()) {
            case "edit" -> Forms.show(request, response, HttpServletResponse.SC_OK, "user/edit.jte", UserForm.of(user), user);
            case "delete" -> Views.render(response, HttpServletResponse.SC_OK, "user/delete.jte",
                    Map.of("user", user, "csrf", Csrf.token(request, response)));
            default -> Views.render(response, HttpServletResponse.SC_OK, "user/detail.jte", Map.of("user", user));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Route route = Route.of(request);
        if (!Csrf.isValid(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "The form has expired. Reload the page and try again.");
            return;
        }
        User user = Db.getOr404(User.class, route.id(), NO_SUCH_USER);
        if (route.action().equals("delete")) {
            Db.session().remove(user);
            Db.commit();
            response.sendRedirect("/users");
            return;
        }
        save(request, response, user);
    }

    private static void save(HttpServletRequest request, HttpServletResponse response, User user) throws IOException {
        UserForm form = UserForm.read(request);
        if (form.error() != null) {
            Forms.show(request, response, HttpServletResponse.SC_BAD_REQUEST, "user/edit.jte", form, user);
            return;
        }
        user.setUsername(form.username());
        user.setEmail(form.emailOrNull());
        try {
            Db.commit();
        } catch (PersistenceException e) {
            if (!Db.isUniqueViolation(e)) {
                throw e;
            }
            Forms.show(request, response, HttpServletResponse.SC_CONFLICT, "user/edit.jte",
                    form.withError("The username " + form.username() + " is already taken."),
                    Db.session().find(User.class, user.getId()));
            return;
        }
        response.sendRedirect("/user/" + user.getId());
    }
}
