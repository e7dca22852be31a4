package io.dbfilter.binds;

import io.dbfilter.Bind;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** An entity of the bind "analytics" by its annotation, in a package the default bind scans. */
@Entity
@Bind("analytics")
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

    public String getPath() {
        return path;
    }
}
