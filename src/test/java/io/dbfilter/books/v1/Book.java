package io.dbfilter.books.v1;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A book as release 1 of an application maps it, before the column isbn exists. Its id is
 * assigned, so that the migration scripts are the same on every database.
 */
@Entity
public class Book {
    @Id
    private Long id;

    private String title;

    protected Book() {
    }

    public Book(long id, String title) {
        this.id = id;
        this.title = title;
    }

    public String getTitle() {
        return title;
    }
}
