package io.dbfilter.portable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import java.time.Instant;

/**
 * A note with the columns whose types differ most between databases: an identity id, a unique
 * title, a large text body and an {@link Instant}.
 */
@Entity
public class Note {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(unique = true, nullable = false)
    private String title;

    @Lob
    private String body;

    private Instant writtenAt;

    protected Note() {
    }

    public Note(String title, String body, Instant writtenAt) {
        this.title = title;
        this.body = body;
        this.writtenAt = writtenAt;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public Instant getWrittenAt() {
        return writtenAt;
    }
}
