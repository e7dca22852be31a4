/**
 * Read replicas ({@code db.replica.url}): which statements of a scope may run on a bind's replica,
 * and the signed cookie that keeps a client that just committed on the primary for a few seconds.
 * The routing itself happens in {@code internal.jdbc.ReplicaRouter}; this package tells it what
 * the scope on the current thread needs.
 */
package io.dbfilter.internal.replica;
