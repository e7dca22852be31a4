package io.dbfilter.replicas;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A row with an optimistic-lock version, for the replica tests; its id is given, so both servers can hold it. */
@Entity
public class Account {
    @Id
    private long id;

    private String name;

    private int balance;

    @Version
    private long version;

    protected Account() {
    }

    public Account(long id, String name, int balance) {
        this.id = id;
        this.name = name;
        this.balance = balance;
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getBalance() {
        return balance;
    }

    public void setBalance(int balance) {
        this.balance = balance;
    }

    public long getVersion() {
        return version;
    }
}
