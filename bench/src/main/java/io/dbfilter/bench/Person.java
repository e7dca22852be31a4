package io.dbfilter.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's row: the example's user without its timestamp, in its own table
 * {@code person}, so that nothing it writes collides with the tests' tables. The id is
 * generated as a default {@code @GeneratedValue} is (a table sequence, blocks of 50); the JDBC
 * variant takes its ids from the same table in the same blocks ({@link IdBlocks}).
 */
@Entity
public class Person {
    @Id
    @GeneratedValue
    private Long id;

    @Column(unique = true, nullable = false, length = 80)
    private String username;

    @Column(length = 254)
    private String email;

    /** Written as a user writes it: lazy, no fetch tuning; newest first. */
    @OneToMany(mappedBy = "author")
    @OrderBy("id DESC")
    private List<Post> posts = new ArrayList<>();

    protected Person() {
    }

    Person(String username, String email) {
        this.username = username;
        this.email = email;
    }

    Long getId() {
        return id;
    }

    String getUsername() {
        return username;
    }

    String getEmail() {
        return email;
    }

    void setEmail(String email) {
        this.email = email;
    }

    List<Post> getPosts() {
        return posts;
    }
}
