package io.dbfilter.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean ...?": the nearest candidate by edit distance, only when it is close enough to be a typo. */
class SuggestionTest {
    @Test
    void theNearestCandidateIsSuggested() {
        assertEquals(" Did you mean db.url?", Suggestion.of("db.uri", List.of("db.user", "db.url", "db.echo")));
    }

    @Test
    void caseDoesNotCountAsADifferenceAndTheCandidateKeepsItsOwnCase() {
        assertEquals(" Did you mean maximumPoolSize?", Suggestion.of("MAXIMUMPOOLSIZE", List.of("maximumPoolSize")));
    }

    @Test
    void insertionsDeletionsAndSubstitutionsEachCountOne() {
        assertEquals(" Did you mean abcdef?", Suggestion.of("abxcdf", List.of("abcdef", "zzzzzz")));
        assertEquals(" Did you mean abc?", Suggestion.of("abcde", List.of("abc")));
        assertEquals(" Did you mean abcde?", Suggestion.of("abc", List.of("abcde")));
    }

    @Test
    void aShortWordMayBeTwoEditsAwayButNotThree() {
        assertEquals(" Did you mean xyz?", Suggestion.of("xab", List.of("xyz")));
        assertEquals("", Suggestion.of("abc", List.of("xyz")));
        assertEquals("", Suggestion.of("x", List.of("abc")));
    }

    @Test
    void aLongWordMayBeAThirdOfItsLengthAway() {
        assertEquals(" Did you mean abcdefxyz?", Suggestion.of("abcdefghi", List.of("abcdefxyz")));
        assertEquals("", Suggestion.of("abcdefghi", List.of("abcdewxyz")));
    }

    @Test
    void nothingIsSuggestedFromNoCandidates() {
        assertEquals("", Suggestion.of("db.url", List.of()));
    }
}
