package io.dbfilter.required;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** An author, whom every {@link Book} must have. */
@Entity
public class Author {
    @Id
    @GeneratedValue
    private Long id;
    private String name;

    protected Author() {
    }

    public Author(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }
}
