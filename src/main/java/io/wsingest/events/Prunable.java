package io.wsingest.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's stream whose history has events to prune: every event up to {@code through}.
 *
 * @param userId  whose stream
 * @param through the highest seq to drop
 */
public record Prunable(String userId, long through) {

    /** One entry per user, with the highest of their seqs: both limits hold once that much is pruned. */
    static List<Prunable> merge(List<Prunable> first, List<Prunable> second) {
        Map<String, Long> through = new LinkedHashMap<>();
        for (List<Prunable> list : List.of(first, second)) {
            list.forEach(p -> through.merge(p.userId(), p.through(), Math::max));
        }
        List<Prunable> merged = new ArrayList<>();
        through.forEach((user, seq) -> merged.add(new Prunable(user, seq)));
        return merged;
    }
}
