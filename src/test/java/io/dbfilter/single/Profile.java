package io.dbfilter.single;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A row without a version: a unique handle, a plain column and a relation to another profile. */
@Entity
public class Profile {
    @Id
    @GeneratedValue
    private Long id;

    @Column(unique = true, nullable = false)
    private String handle;

    private String email;

    @ManyToOne
    private Profile mentor;

    protected Profile() {
    }

    public Profile(String handle, String email) {
        this.handle = handle;
        this.email = email;
    }

    public Long getId() {
        return id;
    }

    public String getHandle() {
        return handle;
    }

    public void setHandle(String handle) {
        this.handle = handle;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public void setMentor(Profile mentor) {
        this.mentor = mentor;
    }
}
