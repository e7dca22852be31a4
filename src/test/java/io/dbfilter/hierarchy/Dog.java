package io.dbfilter.hierarchy;

import jakarta.persistence.Entity;

/** An animal with a table of its own for its extra column. */
@Entity
public class Dog extends Animal {
    private boolean goodBoy;

    protected Dog() {
    }

    public Dog(String name, boolean goodBoy) {
        super(name);
        this.goodBoy = goodBoy;
    }

    public boolean isGoodBoy() {
        return goodBoy;
    }
}
