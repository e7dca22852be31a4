/**
 * Web glue beside {@code DbFilter}: a servlet request as a scope sees it
 * ({@code ServletRequestInfo}), the {@code Server-Timing} feature ({@code db.serverTiming}) and the
 * warning about virtual threads that pin their carrier ({@code CarrierPinning}). The
 * only part besides {@code DbFilter} and {@code DbBootstrapListener} that uses the servlet API.
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.web;
