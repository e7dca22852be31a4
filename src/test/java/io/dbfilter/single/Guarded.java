package io.dbfilter.single;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.PostUpdate;

/** A row whose {@code @PostUpdate} callback refuses the state "refused", after its UPDATE ran. */
@Entity
public class Guarded {
    @Id
    @GeneratedValue
    private Long id;

    private String state;

    protected Guarded() {
    }

    public Guarded(String state) {
        this.state = state;
    }

    public Long getId() {
        return id;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    @PostUpdate
    void refuse() {
        if ("refused".equals(state)) {
            throw new IllegalStateException("the state 'refused' is refused after the UPDATE");
        }
    }
}
