package io.dbfilter.internal.eclipselink;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Flask-SQLAlchemy's rule for turning a CamelCase name into a snake_case table or column name.
 *
 * <p>An underscore goes before an upper-case letter that follows a lower-case letter, and before an
 * upper-case letter followed by a lower-case one (unless it starts the name); then the name is
 * lower-cased. So {@code BlogPost} becomes {@code blog_post} and {@code HTTPResponse} becomes
 * {@code http_response}, as in Flask-SQLAlchemy 3.1. Two deliberate differences: digits stay with
 * the word they end ({@code Model3D} is {@code model3d} where Flask writes {@code model3_d};
 * {@code Ipv4Address} is {@code ipv4_address} in both), and a doubled underscore is folded
 * ({@code Snake_Case} is {@code snake_case}, not {@code snake__case}).
 */
public final class Naming {
    private static final Pattern BOUNDARY = Pattern.compile("((?<=[a-z])[A-Z]|(?!^)[A-Z](?=[a-z]))");

    private Naming() {
    }

    public static String snakeCase(String name) {
        String snake = BOUNDARY.matcher(name).replaceAll("_$1").toLowerCase(Locale.ROOT);
        int start = 0;
        while (start < snake.length() && snake.charAt(start) == '_') {
            start++;
        }
        return snake.substring(start).replace("__", "_");
    }
}
