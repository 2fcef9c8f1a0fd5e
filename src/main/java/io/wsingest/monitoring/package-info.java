/** What operators read over HTTP: the application's metrics at {@code /api/metrics}, for Prometheus and the admin page. */
package io.wsingest.monitoring;
