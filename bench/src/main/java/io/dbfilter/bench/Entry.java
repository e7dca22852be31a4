package io.dbfilter.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A row with an IDENTITY id, for the IDENTITY half of pair (h); the table is emptied after each run. */
@Entity
public class Entry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(length = 80)
    private String text;

    protected Entry() {
    }

    Entry(String text) {
        this.text = text;
    }

    Long getId() {
        return id;
    }
}
