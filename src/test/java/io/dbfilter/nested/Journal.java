package io.dbfilter.nested;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** Entities declared as static nested classes, as tests and small applications often do. */
public final class Journal {
    private Journal() {
    }

    /** Its table is {@code blog_post}, named from the class's own name. */
    @Entity
    public static class BlogPost {
        @Id
        @GeneratedValue
        private Long id;
        private String title;

        protected BlogPost() {
        }

        public BlogPost(String title) {
            this.title = title;
        }

        public String getTitle() {
            return title;
        }
    }
}
