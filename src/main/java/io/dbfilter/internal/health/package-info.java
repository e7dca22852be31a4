/**
 * {@code Database.health()}: whether each bind hands out a working connection within
 * {@code db.healthTimeout}, with its pool's figures, and the small JSON body the health servlet
 * answers with.
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.health;
