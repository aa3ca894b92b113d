package com.shop.cdc.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.sink.lake.LakeConfig;
import com.shop.cdc.common.sink.lake.LakeSettings;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/** Runs the configured domains' workloads side by side and prints what each applied. */
@QuarkusMain
public class WorkloadMain implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(WorkloadMain.class);

    @Inject
    WorkloadConfig config;

    @Inject
    BenchConfig bench;

    @Inject
    ObjectMapper json;

    @Inject
    io.vertx.mutiny.redis.client.Redis redis;

    @Inject
    LakeConfig lakeConfig;

    @Override
    public int run(String... args) throws Exception {
        if (config.action().equals("check")) {
            System.out.println("Targets compared with the source, key by key");
            int problems;
            try (LakeReader lake = config.lakeCheck() ? new LakeReader(LakeSettings.from(lakeConfig)) : null) {
                problems = new TargetCheck(config, json, redis, Optional.ofNullable(lake)).run();
            }
            System.out.println(problems == 0 ? "check: every target equals its source" : "check: " + problems + " keys differ");
            return problems == 0 ? 0 : 1;
        }
        if (config.action().equals("bench-fill")) {
            new BenchEvents(bench, json, config.kafkaBootstrapServers()).run();
            return 0;
        }
        if (config.action().equals("bench-commits")) {
            return new BenchCommits(bench, config.kafkaBootstrapServers()).run();
        }
        List<Callable<OperationCounts>> workloads = new ArrayList<>();
        if (config.domains().contains("users")) {
            workloads.add(() -> new UsersWorkload(config).run());
        }
        OrdersWorkload orders = config.domains().contains("orders") ? new OrdersWorkload(config) : null;
        if (orders != null) {
            workloads.add(orders::run);
        }
        if (config.domains().contains("products")) {
            ProductsGenerator products = new ProductsGenerator(config, json);
            LOG.infof("products: cluster time starts at %d (replay with -Dworkload.products-clock-start=%d)",
                    products.clockStart(), products.clockStart());
            workloads.add(products::run);
        }
        LOG.infof("workload: %d operations per domain at %d/s, seed %d", config.count(), config.rate(), config.seed());
        ExecutorService pool = Executors.newFixedThreadPool(workloads.size());
        try {
            for (Future<OperationCounts> done : pool.invokeAll(workloads)) {
                LOG.info("applied: " + done.get());
            }
        } finally {
            pool.shutdown();
        }
        if (orders != null) {
            // read by dev/e2e-test: each service consuming the orders topic must hold exactly these dead letters
            LOG.infof("expected dead letters: %d of shop.shop_orders.orders at stage validate (rejected on purpose)",
                    orders.rejected());
        }
        return 0;
    }
}
