package io.dbfilter.keyset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * A row to walk by keys: {@code title} and {@code released} repeat across many rows, {@code code}
 * is unique, {@code note} may be null. The tests fill the table with plain JDBC, ids given.
 */
@Entity
@Table(indexes = {@Index(columnList = "title, released, id"), @Index(name = "sample_backwards", columnList = "title DESC, released DESC, id DESC")})
public class Sample {
    @Id
    private Long id;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private LocalDate released;

    private int rating;

    private String note;

    @Column(nullable = false, unique = true)
    private String code;

    @ManyToOne
    private Shelf shelf;

    protected Sample() {
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public LocalDate getReleased() {
        return released;
    }

    public int getRating() {
        return rating;
    }

    public String getNote() {
        return note;
    }

    public String getCode() {
        return code;
    }

    public Shelf getShelf() {
        return shelf;
    }
}
