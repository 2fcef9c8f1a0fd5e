/** Settings: {@code wsingest.*} MicroProfile Config keys read into validated, typed records, checked at deployment. */
package io.wsingest.config;
