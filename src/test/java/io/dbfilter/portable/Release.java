package io.dbfilter.portable;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A release: its table {@code release} is a reserved word on MariaDB and MySQL, where {@code user} is not. */
@Entity
public class Release {
    @Id
    @GeneratedValue
    private Long id;

    private String version;

    protected Release() {
    }

    public Release(String version) {
        this.version = version;
    }

    public Long getId() {
        return id;
    }

    public String getVersion() {
        return version;
    }
}
