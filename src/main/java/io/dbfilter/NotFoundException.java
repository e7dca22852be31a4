package io.dbfilter;

/**
 * Ends the current request with 404 Not Found: {@link DbFilter} catches it and calls
 * {@code response.sendError(404, description)}, so that the container's or the application's
 * error page shows, as Flask's {@code abort(404)} does.
 *
 * <p>The {@code *Or404} helpers of {@link Db} and {@link Db#paginate} throw it; application code
 * may throw it too. The description is shown to the client on the error page, so it must not
 * contain anything private; without one the container's default text shows. When the response
 * is already committed, DbFilter cannot change the status any more and logs one line instead.
 * Outside a request nothing catches it, and it behaves like any unchecked exception.
 *
 * @since 0.1
 */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The text for the error page; null leaves the container's default text. */
    private final String description;

    /**
     * Creates the exception with the text for the error page.
     *
     * @param description what the error page tells the client, or null for the container's
     *                    default text
     */
    public NotFoundException(String description) {
        this(description, null);
    }

    /** {@code detail} is for the log only: it says what was not found without showing it to the client. */
    NotFoundException(String description, String detail) {
        super(description != null ? description : detail != null ? detail : "Not Found");
        this.description = description;
    }

    /**
     * The HTTP status this exception stands for.
     *
     * @return always 404
     */
    public int status() {
        return 404;
    }

    /**
     * What the error page tells the client.
     *
     * @return the description given, or null when the container's default text is to show
     */
    public String description() {
        return description;
    }
}
