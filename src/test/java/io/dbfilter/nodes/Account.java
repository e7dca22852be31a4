package io.dbfilter.nodes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** An account whose balance two application nodes update: {@code @Version} turns a lost update into an error. */
@Entity
public class Account {
    @Id
    private Long id;

    private long balance;

    @Version
    private long version;

    protected Account() {
    }

    public Account(Long id, long balance) {
        this.id = id;
        this.balance = balance;
    }

    public Long getId() {
        return id;
    }

    public long getBalance() {
        return balance;
    }

    public void deposit(long amount) {
        balance += amount;
    }

    public long getVersion() {
        return version;
    }
}
