package io.dbfilter.internal.web;

import io.dbfilter.internal.scope.RequestInfo;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A servlet request as its scope sees it.
 *
 * @param request  the request
 * @param response its response
 */
public record ServletRequestInfo(ServletRequest request, ServletResponse response) implements RequestInfo {
    @Override
    public String label() {
        return request instanceof HttpServletRequest http ? http.getMethod() + " " + http.getRequestURI()
                : "a request";
    }

    @Override
    public boolean isResponseCommitted() {
        return response.isCommitted();
    }

    @Override
    public String parameter(String name) {
        return request.getParameter(name);
    }
}
