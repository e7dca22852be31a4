package io.dbfilter.hierarchy;

import jakarta.persistence.Entity;

/** Another animal with a table of its own. */
@Entity
public class Cat extends Animal {
    private int lives;

    protected Cat() {
    }

    public Cat(String name, int lives) {
        super(name);
        this.lives = lives;
    }

    public int getLives() {
        return lives;
    }
}
