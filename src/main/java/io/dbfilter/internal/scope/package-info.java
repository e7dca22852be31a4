/**
 * Scopes and the seam features plug into. {@code ScopeState} is a scope: its EntityManagers
 * ({@code Sessions}), its one commit path, and a slot per feature; {@code ThreadScope} is the one
 * place that binds a scope to a thread; {@code Engines} is the running part of a Database, one
 * {@code Engine} per bind; {@code ScopeListener} is the seam: a feature overrides the events it
 * needs (a Database started or closing, a scope opened, before and after commit, rolled back,
 * closing). {@code RequestInfo} is all a scope knows of a request.
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.scope;
