package io.dbfilter.replicas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A row without a version, for the replica tests: dbfilter checks the columns a change writes instead. */
@Entity
public class Note {
    @Id
    private long id;

    private String text;

    private int stars;

    protected Note() {
    }

    public Note(long id, String text, int stars) {
        this.id = id;
        this.text = text;
        this.stars = stars;
    }

    public long getId() {
        return id;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public int getStars() {
        return stars;
    }

    public void setStars(int stars) {
        this.stars = stars;
    }
}
