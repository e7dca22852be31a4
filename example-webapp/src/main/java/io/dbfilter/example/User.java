package io.dbfilter.example;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.time.Instant;

/** The quickstart's user. dbfilter maps it to the table {@code user}, quoted where the database needs it. */
@Entity
public class User {
    static final int MAX_USERNAME = 80;
    static final int MAX_EMAIL = 254;

    @Id
    @GeneratedValue
    private Long id;

    @Column(unique = true, nullable = false, length = MAX_USERNAME)
    private String username;

    @Column(length = MAX_EMAIL)
    private String email;

    @Column(nullable = false)
    private Instant createdAt = Instant.now();

    protected User() {
    }

    public User(String username, String email) {
        this.username = username;
        this.email = email;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
