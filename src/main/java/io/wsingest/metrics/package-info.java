/**
 * The application's metrics: one Micrometer registry the WAR owns (Prometheus text and JMX), every metric's name,
 * and the meters the protocols and services count with.
 */
package io.wsingest.metrics;
