package io.wsingest.database;

import jakarta.persistence.Query;

/** JPQL aggregates whose Java type the persistence providers do not agree on. */
public final class Aggregates {

    private Aggregates() {
    }

    /**
     * The result of a {@code select sum(...)} query, 0 when no row matched. The type of a sum differs between
     * providers (EclipseLink gives a {@code BigDecimal} where Hibernate gives a {@code Long}), so it is read as a
     * number.
     */
    public static long sum(Query query) {
        Number sum = (Number) query.getSingleResult();
        return sum == null ? 0 : sum.longValue();
    }
}
