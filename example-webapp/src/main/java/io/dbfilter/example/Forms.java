package io.dbfilter.example;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;

/** Shows the create or edit form with the submitted values, an error message and the visitor's CSRF token. */
final class Forms {
    private Forms() {
    }

    static void show(HttpServletRequest request, HttpServletResponse response, int status, String template,
            UserForm form, User user) throws IOException {
        var params = new HashMap<String, Object>();
        params.put("form", form);
        params.put("csrf", Csrf.token(request, response));
        if (user != null) {
            params.put("user", user);
        }
        Views.render(response, status, template, params);
    }
}
