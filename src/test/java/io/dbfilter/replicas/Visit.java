package io.dbfilter.replicas;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A row whose id comes from EclipseLink's sequence table, which is written on the primary. */
@Entity
public class Visit {
    @Id
    @GeneratedValue
    private Long id;

    private String path;

    protected Visit() {
    }

    public Visit(String path) {
        this.path = path;
    }

    public Long getId() {
        return id;
    }
}
