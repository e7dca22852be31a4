package io.dbfilter.reserved;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity whose explicit table name is a reserved word: dbfilter leaves explicit names alone, so Derby refuses it. */
@Entity
@Table(name = "select")
public class Select {
    @Id
    private Long id;
}
