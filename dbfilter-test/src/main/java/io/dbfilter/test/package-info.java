/**
 * dbfilter-test: a JUnit 5 extension for applications that use dbfilter. {@link io.dbfilter.test.DbTest}
 * gives a test class a Database and, when asked, the application on an embedded Jetty, and rolls
 * back everything each test did, including what the application's requests committed.
 */
package io.dbfilter.test;
