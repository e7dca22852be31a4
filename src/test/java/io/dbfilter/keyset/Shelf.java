package io.dbfilter.keyset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** A shelf a {@link Sample} may stand on: a to-one relationship to sort through. */
@Entity
public class Shelf {
    @Id
    private Long id;

    @Column(nullable = false)
    private String label;

    @OneToMany(mappedBy = "shelf")
    private List<Sample> samples = new ArrayList<>();

    protected Shelf() {
    }

    public Long getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }

    public List<Sample> getSamples() {
        return samples;
    }
}
