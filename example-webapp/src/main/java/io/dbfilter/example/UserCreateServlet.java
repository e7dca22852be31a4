package io.dbfilter.example;

import io.dbfilter.Db;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET|POST /users/create}: the form, and on success a redirect to the new user's page. */
public class UserCreateServlet extends PageServlet {
    @Override
    String allowedMethods(HttpServletRequest request) {
        return "GET, HEAD, POST";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Forms.show(request, response, HttpServletResponse.SC_OK, "user/create.jte", UserForm.empty(), null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!Csrf.isValid(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "The form has expired. Reload the page and try again.");
            return;
        }
        UserForm form = UserForm.read(request);
        if (form.error() != null) {
            Forms.show(request, response, HttpServletResponse.SC_BAD_REQUEST, "user/create.jte", form, null);
            return;
        }
        User user = new User(form.username(), form.emailOrNull());
        try {
            Db.session().persist(user);
            Db.commit();
        } catch (PersistenceException e) {
            if (!Db.isUniqueViolation(e)) {
                throw e;
            }
            Forms.show(request, response, HttpServletResponse.SC_CONFLICT, "user/create.jte",
                    form.withError("The username " + form.username() + " is already taken."), null);
            return;
        }
        response.sendRedirect("/user/" + user.getId());
    }
}
