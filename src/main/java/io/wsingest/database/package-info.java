/** The database schema: versioned migrations applied at start-up, before any feature touches the database. */
package io.wsingest.database;
