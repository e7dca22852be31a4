package io.dbfilter.fetch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A counter with a unique name and a {@code @Version}, so that a lost update is an error. */
@Entity
public class Counter {
    @Id
    @GeneratedValue
    private Long id;

    @Column(unique = true, nullable = false)
    private String name;

    private long total;

    @Version
    private long version;

    protected Counter() {
    }

    public Counter(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public long getTotal() {
        return total;
    }

    public void add(long amount) {
        total += amount;
    }

    public long getVersion() {
        return version;
    }
}
