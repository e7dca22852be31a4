package io.dbfilter.broken;

import jakarta.persistence.Entity;

/** An entity EclipseLink cannot map: it has no primary key. */
@Entity
public class NoId {
    private String name;
}
