package io.dbfilter.internal.scope;

/**
 * What a scope needs from the request it serves, given by the web glue so that nothing below it
 * depends on the servlet API. A scope opened outside a request ({@code Database.open()}) has none.
 */
public interface RequestInfo {
    /**
     * How log lines name the request.
     *
     * @return for example {@code GET /users/42}
     */
    String label();

    /**
     * Whether the response has been sent: a commit after that can no longer change what the
     * client sees.
     *
     * @return true once the response is committed
     */
    boolean isResponseCommitted();

    /**
     * A request parameter, for {@code Db.paginate}'s page numbers.
     *
     * @param name the parameter's name
     * @return its first value, or null
     */
    String parameter(String name);

    /**
     * A cookie the request carries, for the read-your-writes cookie of read replicas.
     *
     * @param name the cookie's name
     * @return its value, or null when the request has none of that name
     */
    default String cookie(String name) {
        return null;
    }

    /**
     * Sets a cookie on the response, scoped to the web application, HTTP-only; nothing happens once
     * the response is committed.
     *
     * @param name         the cookie's name
     * @param value        its value
     * @param maxAgeMillis how long the client keeps it
     */
    default void setCookie(String name, String value, long maxAgeMillis) {
    }
}
