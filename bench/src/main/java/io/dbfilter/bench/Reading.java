package io.dbfilter.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * The row of the depth benchmark ({@link Depth}): a feed read newest first, in its own table
 * {@code reading} of its own schema. The index matches the feed's order, created time descending
 * with the id as tie-breaker, as an application would have it for either kind of paging.
 */
@Entity
@Table(indexes = @Index(name = "reading_feed", columnList = "created_at DESC, id"))
public class Reading {
    @Id
    private Long id;

    @Column(nullable = false)
    private LocalDateTime createdAt;

    @Column(nullable = false, length = 40)
    private String title;

    protected Reading() {
    }

    Long getId() {
        return id;
    }
}
