/** Network addresses: IP ranges (CIDR) that settings name, for limits, whitelists and access to operator endpoints. */
package io.wsingest.net;
