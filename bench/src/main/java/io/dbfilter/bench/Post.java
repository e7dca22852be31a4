package io.dbfilter.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A post of a {@link Person}, for pair (e): ten to a person, seeded by JDBC, never written by a run. */
@Entity
public class Post {
    @Id
    @GeneratedValue
    private Long id;

    @Column(length = 80)
    private String title;

    @ManyToOne
    private Person author;

    protected Post() {
    }

    Long getId() {
        return id;
    }

    String getTitle() {
        return title;
    }
}
