package io.dbfilter.single;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A row with a {@code @Version}, so that a stale update is an error. */
@Entity
public class Versioned {
    @Id
    @GeneratedValue
    private Long id;

    private long total;

    @Version
    private long version;

    public Long getId() {
        return id;
    }

    public long getTotal() {
        return total;
    }

    public void setTotal(long total) {
        this.total = total;
    }

    public long getVersion() {
        return version;
    }
}
