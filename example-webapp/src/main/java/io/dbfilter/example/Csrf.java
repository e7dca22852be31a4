package io.dbfilter.example;

import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A per-session token that every POST form carries in a hidden field, so that another site cannot
 * make a visitor's browser create or delete users.
 */
final class Csrf {
    static final String FIELD = "csrf";
    private static final String ATTRIBUTE = Csrf.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    static String token(HttpServletRequest request) {
        var session = request.getSession();
        Object token = session.getAttribute(ATTRIBUTE);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(ATTRIBUTE, token);
        }
        return (String) token;
    }

    static boolean isValid(HttpServletRequest request) {
        var session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(ATTRIBUTE);
        String given = request.getParameter(FIELD);
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(), given.getBytes());
    }
}
