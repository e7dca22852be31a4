package io.dbfilter.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A tag whose columns are reserved words: {@code order} and {@code group}. */
@Entity
public class Tag {
    @Id
    @GeneratedValue
    private Long id;

    private String name;

    private int order;

    private String group;

    protected Tag() {
    }

    public Tag(String name, int order, String group) {
        this.name = name;
        this.order = order;
        this.group = group;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getOrder() {
        return order;
    }

    public String getGroup() {
        return group;
    }
}
