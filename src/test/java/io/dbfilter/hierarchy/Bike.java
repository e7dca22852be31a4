package io.dbfilter.hierarchy;

import jakarta.persistence.Entity;

/** A vehicle in a table of its own. */
@Entity
public class Bike extends Vehicle {
    private int gears;

    protected Bike() {
    }

    public Bike(Long id, String name, int gears) {
        super(id, name);
        this.gears = gears;
    }

    public int getGears() {
        return gears;
    }
}
