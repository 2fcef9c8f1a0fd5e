/**
 * What operators ask the running application: its readiness (MicroProfile Health checks, also behind the public
 * {@code /health}) and its effective settings.
 */
package io.wsingest.health;
