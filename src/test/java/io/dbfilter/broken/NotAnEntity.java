package io.dbfilter.broken;

/** A plain class listed by mistake. */
public class NotAnEntity {
}
