package io.dbfilter.internal.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** The "Did you mean ...?" of every message about a misspelt name: a key, a bind, a property. */
public final class Suggestion {
    private Suggestion() {
    }

    /**
     * A sentence naming the candidate nearest to {@code wrong}, or an empty string when none is
     * close enough to be a plausible typo.
     *
     * @param wrong      what was written
     * @param candidates what could have been meant
     * @return {@code " Did you mean X?"} or {@code ""}
     */
    public static String of(String wrong, Collection<String> candidates) {
        String lower = wrong.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .min(Comparator.comparingInt(candidate -> distance(lower, candidate.toLowerCase(Locale.ROOT))))
                .filter(best -> distance(lower, best.toLowerCase(Locale.ROOT)) <= Math.max(2, wrong.length() / 3))
                .map(best -> " Did you mean " + best + "?")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
