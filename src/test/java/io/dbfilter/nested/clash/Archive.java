package io.dbfilter.nested.clash;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A second nested {@code BlogPost}: with the first, both would get the table {@code blog_post}. */
public final class Archive {
    private Archive() {
    }

    /** Clashes with {@code Journal.BlogPost}. */
    @Entity
    public static class BlogPost {
        @Id
        private Long id;
    }
}
