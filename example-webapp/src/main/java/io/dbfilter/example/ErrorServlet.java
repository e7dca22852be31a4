package io.dbfilter.example;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The error page for every status and exception, in the site's layout. It shows the text given to
 * {@code sendError} for 4xx answers and never an exception's message or stack trace.
 */
public class ErrorServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        Object text = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        boolean clientError = status >= 400 && status < 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null;
        String message = clientError && text instanceof String given && !given.isBlank() ? given : defaultMessage(status);
        Views.render(response, status, "error.jte", Map.of("status", status, "message", message));
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 403 -> "You are not allowed to do that.";
            case 404 -> "There is no such page.";
            case 405 -> "That is not allowed here.";
            default -> "Something went wrong on our side. Please try again.";
        };
    }
}
