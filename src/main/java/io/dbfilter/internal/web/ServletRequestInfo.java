package io.dbfilter.internal.web;

import io.dbfilter.internal.scope.RequestInfo;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

    @Override
    public String cookie(String name) {
        Cookie[] cookies = request instanceof HttpServletRequest http ? http.getCookies() : null;
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (name.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    @Override
    public void setCookie(String name, String value, long maxAgeMillis) {
        if (!(response instanceof HttpServletResponse http) || http.isCommitted()
                || !(request instanceof HttpServletRequest httpRequest)) {
            return;
        }
        var cookie = new Cookie(name, value);
        String path = httpRequest.getContextPath();
        cookie.setPath(path.isEmpty() ? "/" : path);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge((int) Math.max(1, (maxAgeMillis + 999) / 1000));
        // Sent with the redirect after a POST and with links followed from other sites, not with their POSTs.
        cookie.setAttribute("SameSite", "Lax");
        http.addCookie(cookie);
    }
}
