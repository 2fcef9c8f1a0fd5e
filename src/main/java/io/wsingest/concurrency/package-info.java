/** Small concurrency helpers shared by the protocols and services. */
package io.wsingest.concurrency;
