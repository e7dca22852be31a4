package io.dbfilter.example;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token that every POST form carries, so that another site cannot make a visitor's browser
 * create or delete users: a signed double-submit cookie, which keeps no state on the server.
 *
 * <p>The browser holds a random value in the {@value #COOKIE} cookie; the form's hidden field holds
 * that value's HMAC under a key made at start-up. A POST is accepted when the field is the HMAC of
 * the cookie it came with. Another site can neither read the field nor compute it for a cookie it
 * planted, since the key never leaves this process. An HTTP session per visitor would do the same,
 * but then every anonymous GET of a form would hold server memory until the session timed out.
 *
 * <p>A restart (or a redeploy) makes a new key, so forms shown before it answer 403 and are
 * reloaded; several nodes behind one load balancer would need one shared key instead.
 */
final class Csrf {
    static final String FIELD = "csrf";
    static final String COOKIE = "csrf";
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SecretKeySpec KEY = new SecretKeySpec(randomBytes(), ALGORITHM);
    /** 32 random bytes, base64url without padding: what {@link #token} sets, and nothing else is reused. */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Csrf() {
    }

    /**
     * The token for a form on this response's page: reuses the visitor's cookie, so that forms open
     * in several tabs all stay valid, or sets a new one. The page is marked {@code no-store}, so that
     * no cache keeps a page with a token in it.
     */
    static String token(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        String value = cookie(request);
        if (value == null) {
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
            var cookie = new Cookie(COOKIE, value);
            cookie.setPath(request.getContextPath() + "/");
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            // Lax: the cookie goes along with top-level GET navigations, never with another site's POST.
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        return sign(value);
    }

    /** True when the request's form field is the signature of its cookie, compared in constant time. */
    static boolean isValid(HttpServletRequest request) {
        String value = cookie(request);
        String given = request.getParameter(FIELD);
        return value != null && given != null && MessageDigest.isEqual(
                sign(value).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (cookie.getName().equals(COOKIE) && VALUE.matcher(cookie.getValue()).matches()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private static String sign(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is not thread-safe, and cheap to make
            mac.init(KEY);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
