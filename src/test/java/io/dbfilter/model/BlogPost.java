package io.dbfilter.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import java.util.ArrayList;
import java.util.List;

/** A post with a to-one link to {@link User} and a many-to-many link to {@link Tag}. */
@Entity
public class BlogPost {
    @Id
    @GeneratedValue
    private Long id;

    private String title;

    @ManyToOne
    private User author;

    @ManyToMany
    private List<Tag> tags = new ArrayList<>();

    protected BlogPost() {
    }

    public BlogPost(String title, User author) {
        this.title = title;
        this.author = author;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public User getAuthor() {
        return author;
    }

    public List<Tag> getTags() {
        return tags;
    }
}
