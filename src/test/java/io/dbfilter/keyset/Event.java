package io.dbfilter.keyset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.time.Instant;

/** Something that happened at an instant, persisted through JPA: the entity keeps the nanoseconds it was given. */
@Entity
public class Event {
    @Id
    @GeneratedValue
    private Long id;

    @Column(nullable = false)
    private Instant happened;

    protected Event() {
    }

    public Event(Instant happened) {
        this.happened = happened;
    }

    public Long getId() {
        return id;
    }

    public Instant getHappened() {
        return happened;
    }
}
