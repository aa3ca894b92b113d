package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replicas following lag with the rendered triggers: KEDA's kafka scaler and the HPA behind it, as
 * their documentation describes them (k8s/README.md, "What KEDA's kafka scaler measures"), polled
 * every 15 s over an hour in which a re-snapshot of 900,000 changes lands on one topic on top of a
 * steady trickle, and every replica drains at the per-pod rate the thresholds were derived from.
 */
class ScalingSimulationTest {

    static final int POLL_SECONDS = 15;
    static final long POD_RATE = ScalingTest.LAG_PER_POD_AND_INTERVAL / POLL_SECONDS;
    /** The HPA's default: a scale-down follows the highest recommendation of the last five minutes. */
    static final int SCALE_DOWN_WINDOW_POLLS = 300 / POLL_SECONDS;
    static final long BURST = 900_000;
    static final int BURST_AT = 60;
    static final long TRICKLE_PER_SECOND = 200;

    record Trigger(String topic, long threshold, int partitions) {
    }

    /** One poll: the replicas, and the lag they saw, per topic. */
    record Poll(int second, int replicas, Map<String, Long> lag) {
        long total() {
            return lag.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static Stream<Arguments> services() {
        Rendered prod = Rendered.of("prod");
        return ServiceModule.names().stream().map(service -> Arguments.of(prod, service));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("services")
    void replicasFollowTheBacklogUpToThePartitionsAndBackToTheMinimum(Rendered rendered, String service) {
        Map<String, Object> spec = Manifests.map(rendered.get("ScaledObject", service).get("spec"));
        int min = (Integer) spec.get("minReplicaCount");
        int max = (Integer) spec.get("maxReplicaCount");
        List<Trigger> triggers = Manifests.maps(spec.get("triggers")).stream().map(Manifests::map)
                .map(trigger -> Manifests.map(trigger.get("metadata")))
                .map(metadata -> new Trigger((String) metadata.get("topic"),
                        Long.parseLong((String) metadata.get("lagThreshold")),
                        KafkaResourcesTest.partitions(rendered, (String) metadata.get("topic"))))
                .toList();

        List<Poll> polls = simulate(triggers, min, max);

        if (ScalingTest.SINGLE_WRITERS.contains(service)) {
            // One pod throughout, the backlog drained by it alone.
            assertThat(polls).allSatisfy(poll -> assertThat(poll.replicas()).isEqualTo(1));
            int drained = polls.stream().filter(poll -> poll.second() > BURST_AT && poll.total() < POD_RATE * POLL_SECONDS)
                    .findFirst().orElseThrow().second();
            assertThat(drained - BURST_AT).as("seconds to drain " + BURST + " changes").isLessThan(600);
            System.out.printf("[scaling] %s: 1 replica throughout, %,d changes drained after %d s%n", service, BURST,
                    drained - BURST_AT);
            return;
        }
        int fewestPartitions = triggers.stream().mapToInt(Trigger::partitions).min().orElseThrow();
        assertThat(polls).allSatisfy(poll -> assertThat(poll.replicas()).isBetween(min, Math.min(max, fewestPartitions)));
        assertThat(polls).filteredOn(poll -> poll.second() < BURST_AT).allMatch(poll -> poll.replicas() == min);
        Poll peak = polls.stream().max((a, b) -> Integer.compare(a.replicas(), b.replicas())).orElseThrow();
        assertThat(peak.replicas()).as("the backlog scales out to the bound").isEqualTo(max);
        assertThat(peak.second() - BURST_AT).as("seconds to the bound").isLessThanOrEqualTo(3 * POLL_SECONDS);
        int drained = polls.stream().filter(poll -> poll.second() > BURST_AT && poll.total() < POD_RATE * POLL_SECONDS)
                .findFirst().orElseThrow().second();
        assertThat(drained - BURST_AT).as("seconds to drain " + BURST + " changes").isLessThan(600);
        int settled = polls.stream().filter(poll -> poll.second() > drained && poll.replicas() == min)
                .findFirst().orElseThrow().second();
        System.out.printf("[scaling] %s: %d -> %d replicas %d s after %,d changes, drained after %d s, back to %d after %d s%n",
                service, min, peak.replicas(), peak.second() - BURST_AT, BURST, drained - BURST_AT, min, settled - BURST_AT);
        Poll last = polls.get(polls.size() - 1);
        assertThat(last.replicas()).as("back to the minimum once drained").isEqualTo(min);
        assertThat(polls).filteredOn(poll -> poll.second() > drained + 300 + POLL_SECONDS)
                .allMatch(poll -> poll.replicas() == min);
    }

    private static List<Poll> simulate(List<Trigger> triggers, int min, int max) {
        Map<String, Long> lag = new LinkedHashMap<>();
        triggers.forEach(trigger -> lag.put(trigger.topic(), 0L));
        List<Integer> recommendations = new ArrayList<>();
        List<Poll> polls = new ArrayList<>();
        int replicas = min;
        for (int second = 0; second < 3600; second += POLL_SECONDS) {
            if (second == BURST_AT) {
                lag.merge(triggers.get(0).topic(), BURST, Long::sum);
            }
            lag.replaceAll((topic, waiting) -> waiting + TRICKLE_PER_SECOND * POLL_SECONDS);
            int recommended = recommend(triggers, lag, min, max);
            recommendations.add(recommended);
            int window = Math.max(0, recommendations.size() - SCALE_DOWN_WINDOW_POLLS);
            int highest = recommendations.subList(window, recommendations.size()).stream().max(Integer::compare).orElseThrow();
            // up at once, at most doubling or four more a poll (the HPA's default); down only to the window's highest
            replicas = recommended > replicas ? Math.min(recommended, Math.max(2 * replicas, replicas + 4)) : highest;
            polls.add(new Poll(second, replicas, Map.copyOf(lag)));
            drain(lag, (long) replicas * POD_RATE * POLL_SECONDS);
        }
        return polls;
    }

    /** ceil(lag / lagThreshold) per trigger, never above the topic's partitions, the largest of them. */
    static int recommend(List<Trigger> triggers, Map<String, Long> lag, int min, int max) {
        int wanted = min;
        for (Trigger trigger : triggers) {
            long counted = Math.min(lag.get(trigger.topic()), trigger.partitions() * trigger.threshold());
            wanted = Math.max(wanted, (int) ((counted + trigger.threshold() - 1) / trigger.threshold()));
        }
        return Math.min(max, wanted);
    }

    /** The replicas' work of one interval, spread over the topics by their lag. */
    private static void drain(Map<String, Long> lag, long work) {
        long total = lag.values().stream().mapToLong(Long::longValue).sum();
        if (total <= work) {
            lag.replaceAll((topic, waiting) -> 0L);
            return;
        }
        lag.replaceAll((topic, waiting) -> waiting - work * waiting / total);
    }
}
