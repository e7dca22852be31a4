package io.dbfilter.books.v2;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A book as release 2 of an application maps it: the field isbn is new, and only the migration V2
 * adds its column. Its id is assigned, so that the migration scripts are the same on every database.
 */
@Entity
public class Book {
    @Id
    private Long id;

    private String title;

    private String isbn;

    protected Book() {
    }

    public Book(long id, String title) {
        this.id = id;
        this.title = title;
    }

    public String getTitle() {
        return title;
    }

    public String getIsbn() {
        return isbn;
    }

    public void setIsbn(String isbn) {
        this.isbn = isbn;
    }
}
