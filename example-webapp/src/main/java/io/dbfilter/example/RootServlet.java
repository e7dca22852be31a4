package io.dbfilter.example;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /}: the user list is the home page. */
public class RootServlet extends PageServlet {
    @Override
    String allowedMethods(HttpServletRequest request) {
        return "GET, HEAD";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect("/users");
    }
}
