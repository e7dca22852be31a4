/**
 * EclipseLink database platforms that dbfilter uses and that an application may name in
 * {@code eclipselink.target-database}: public because EclipseLink instantiates them by class name.
 */
package io.dbfilter.platform;
