package io.dbfilter.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

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
}
