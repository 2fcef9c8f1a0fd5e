/** Health for operators and load balancers: database, broker and blob store. */
package io.wsingest.health;
