package io.dbfilter.example;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * A servlet of the example's pages: a method the page does not take is a 405 whose {@code Allow}
 * header lists those it does (HTTP requires it; {@code HttpServlet} leaves it out), and TRACE,
 * which would echo the request's headers back, is never answered.
 */
abstract class PageServlet extends HttpServlet {
    /** The methods the page at this request's path takes, such as {@code "GET, HEAD"}; OPTIONS is added. */
    abstract String allowedMethods(HttpServletRequest request);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String allowed = allowedMethods(request) + ", OPTIONS";
        if (request.getMethod().equals("OPTIONS")) {
            response.setHeader("Allow", allowed);
        } else if (Arrays.asList(allowed.split(", ")).contains(request.getMethod())) {
            super.service(request, response);
        } else {
            response.setHeader("Allow", allowed);
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }
}
