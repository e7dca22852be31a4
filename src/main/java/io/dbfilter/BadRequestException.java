package io.dbfilter;

/**
 * Ends the request with 400 Bad Request: thrown by {@link Db#getOr400} when form input names a row
 * that does not exist (an author id in a form), or by application code for any input it refuses.
 * {@link DbFilter} turns it into {@code response.sendError(400, description)} while the response is
 * not yet committed, as it turns {@link NotFoundException} into 404.
 *
 * <p>A 404 says the URL names nothing; a 400 says the request's content is wrong. Use
 * {@code getOr404} for an id in the path, and {@code getOr400} for an id in a form or a JSON body.
 *
 * @since 0.1
 */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The text for the error page; null leaves the container's default text. */
    private final String description;

    /**
     * Creates the exception with the text for the error page.
     *
     * @param description what the error page tells the client, or null for the container's
     *                    default text
     */
    public BadRequestException(String description) {
        this(description, null);
    }

    /** {@code detail} is for the log only. */
    BadRequestException(String description, String detail) {
        super(description != null ? description : detail != null ? detail : "Bad Request");
        this.description = description;
    }

    /**
     * The HTTP status this exception stands for.
     *
     * @return always 400
     */
    public int status() {
        return 400;
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
