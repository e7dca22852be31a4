package io.dbfilter.crossbind;

import io.dbfilter.Bind;
import io.dbfilter.binds.Customer;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A mistake: an entity of the bind "analytics" that refers to an entity of the default bind. */
@Entity
@Bind("analytics")
public class Purchase {
    @Id
    @GeneratedValue
    private Long id;

    @ManyToOne
    private Customer customer;
}
