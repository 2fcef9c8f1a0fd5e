package io.wsingest.storage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** How many files each protocol has in the store, and their bytes: every node's, as the database holds them. */
@ApplicationScoped
public class StoredTotals {

    /** The files one protocol stored that are still in the store. */
    public record Totals(long files, long bytes) {
        static final Totals NONE = new Totals(0, 0);
    }

    @PersistenceContext
    EntityManager em;

    /** Every source, those without a file as {@link Totals#NONE}. */
    public Map<FileSource, Totals> bySource() {
        Map<FileSource, Totals> totals = new EnumMap<>(FileSource.class);
        for (FileSource source : FileSource.values()) {
            totals.put(source, Totals.NONE);
        }
        List<Object[]> rows = em.createQuery(
                        "select f.source, count(f), sum(f.size) from StoredFile f group by f.source", Object[].class)
                .getResultList();
        for (Object[] row : rows) {
            // A sum's type differs between providers (database.Aggregates): read both as numbers.
            totals.put((FileSource) row[0], new Totals(((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
        }
        return totals;
    }
}
