package io.dbfilter.example;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;

/**
 * What the create and edit forms submitted, checked: a username of 1 to 80 characters, none of them
 * a control or invisible one, and an optional email that looks like one. {@code error} is null when
 * the input is valid.
 */
public record UserForm(String username, String email, String error) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    static UserForm read(HttpServletRequest request) {
        String username = trimmed(request.getParameter("username"));
        String email = trimmed(request.getParameter("email"));
        return new UserForm(username, email, check(username, email));
    }

    static UserForm of(User user) {
        return new UserForm(user.getUsername(), user.getEmail() == null ? "" : user.getEmail(), null);
    }

    static UserForm empty() {
        return new UserForm("", "", null);
    }

    UserForm withError(String message) {
        return new UserForm(username, email, message);
    }

    /** The email to store: null when the field was left empty. */
    String emailOrNull() {
        return email.isEmpty() ? null : email;
    }

    private static String check(String username, String email) {
        if (username.isEmpty()) {
            return "Username is required.";
        }
        if (username.length() > User.MAX_USERNAME) {
            return "Username must be at most " + User.MAX_USERNAME + " characters.";
        }
        if (hasInvisible(username)) {
            return "Username must not contain control or invisible characters.";
        }
        if (!email.isEmpty() && (email.length() > User.MAX_EMAIL || !EMAIL.matcher(email).matches()
                || hasInvisible(email))) {
            return "Email must look like name@example.com.";
        }
        return null;
    }

    /**
     * Control characters (NUL, which PostgreSQL refuses to store, tab, bell), line and paragraph
     * separators, and format characters: bidi overrides such as U+202E turn "exe.txt" into "txt.exe"
     * on screen, and zero-width ones (U+200B, U+FEFF) make two usernames look the same.
     */
    private static boolean hasInvisible(String value) {
        return value.codePoints().anyMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        });
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }
}
