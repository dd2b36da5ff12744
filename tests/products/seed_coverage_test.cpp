// The rules and figures that check the seed recommendations no other rule did (issue: every
// seed recommendation checked) and what production users of the products hit: behaviour a
// user sees on small topologies, with the figures computed by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "deploy_advisor/engine/engine.hpp"
#include "support/run_example.hpp"

using namespace deploy_advisor;

namespace {

const ProfileSet& profiles() { return test_support::builtin_profiles(); }

test_support::ExampleRun run_text(const std::string& topology,
                                  std::vector<std::pair<std::string, std::string>> files = {}) {
  RuleExample example;
  example.topology = topology;
  for (auto& [path, content] : files) example.files.emplace_back(path, content);
  return test_support::run_example(profiles(), example);
}

std::vector<const Finding*> with_id(const test_support::ExampleRun& run, const std::string& id) {
  std::vector<const Finding*> found;
  for (const auto& f : run.findings)
    if (f.rule_id == id) found.push_back(&f);
  return found;
}

const std::string kTracardiWorkers = R"(version: 1
name: shop
environment: production
platform: kubernetes
traffic:
  peak_events_per_second: 2000
  growth: 1.5
products:
  tracardi:
    components:
      storage:
        role: worker
        kind: storage
        replicas: REPLICAS
        workers: 2
)";

std::string with(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("TR030: workers are sized from the peak of events, with one replica down") {
  // 2,000 events/s x 1.5 growth = 3,000 events/s at 500 per process = 6 processes; with 2
  // processes a replica, 4 replicas leave 6 when one is down.
  auto short_run = run_text(with(kTracardiWorkers, "REPLICAS", "3"));
  INFO(test_support::describe(short_run));
  REQUIRE(short_run.errors.empty());
  auto tr030 = with_id(short_run, "TR030");
  REQUIRE(tr030.size() == 1);
  CHECK_THAT(tr030[0]->message, Catch::Contains("6 worker process(es) in all"));
  CHECK_THAT(tr030[0]->message, Catch::Contains("4 with one replica down"));
  CHECK_THAT(tr030[0]->message, Catch::Contains("needs 6"));
  CHECK_THAT(tr030[0]->fix, Catch::Contains("at least 4 replicas of storage"));

  auto enough = run_text(with(kTracardiWorkers, "REPLICAS", "4"));
  REQUIRE(enough.errors.empty());
  CHECK(with_id(enough, "TR030").empty());

  // The assumption is stated and can be overridden: at 1,000 events/s per process, 3 replicas
  // (6 processes, 4 with one down) carry 3 processes' worth.
  auto overridden = run_text(with(with(kTracardiWorkers, "REPLICAS", "3"), "products:\n",
                                  "assumptions:\n  tracardi.worker_events_per_second: 1000\nproducts:\n"));
  REQUIRE(overridden.errors.empty());
  CHECK(with_id(overridden, "TR030").empty());

  // Without a declared peak of events there is no figure and no finding (and no DA001 for it).
  auto no_peak = run_text(with(with(kTracardiWorkers, "REPLICAS", "1"), "  peak_events_per_second: 2000\n", ""));
  REQUIRE(no_peak.errors.empty());
  CHECK(with_id(no_peak, "TR030").empty());
  for (const auto* f : with_id(no_peak, "DA001"))
    CHECK_THAT(f->message, !Catch::Contains("peak_events_per_second"));
}

TEST_CASE("TR031: Pulsar sized from the traffic takes over once TR022's minimums are met") {
  const std::string topology = R"(version: 1
name: shop
environment: production
platform: kubernetes
traffic:
  peak_events_per_second: 60000
  average_event_bytes: 1000
products:
  tracardi:
    components:
      pulsar:
        role: pulsar
        brokers: BROKERS
        bookies: BOOKIES
        offload: "s3://shop-pulsar"
)";
  // Brokers: ceil(60,000 / 30,000) + 1 = 3. Bookies: 60,000 x 1,000 B x 2 copies = 120 MB/s at
  // 50 MB/s per bookie = 3, + 1 = 4.
  auto below_minimum = run_text(with(with(topology, "BROKERS", "1"), "BOOKIES", "2"));
  REQUIRE(below_minimum.errors.empty());
  CHECK(with_id(below_minimum, "TR022").size() == 2);
  CHECK(with_id(below_minimum, "TR031").empty());  // one target per value: TR022's first

  auto minimum = run_text(with(with(topology, "BROKERS", "2"), "BOOKIES", "3"));
  INFO(test_support::describe(minimum));
  REQUIRE(minimum.errors.empty());
  CHECK(with_id(minimum, "TR022").empty());
  auto tr031 = with_id(minimum, "TR031");
  REQUIRE(tr031.size() == 2);
  CHECK_THAT(tr031[0]->message, Catch::Contains("runs 2 brokers; the declared traffic needs 3"));
  CHECK_THAT(tr031[1]->message, Catch::Contains("runs 3 bookies; the declared traffic needs 4"));
  CHECK_THAT(tr031[1]->message, Catch::Contains("write quorum"));

  auto sized = run_text(with(with(topology, "BROKERS", "3"), "BOOKIES", "4"));
  REQUIRE(sized.errors.empty());
  CHECK(with_id(sized, "TR031").empty());
}

TEST_CASE("TR032 and TR033: code defaults apply to unset cache and connection settings") {
  // Unset everywhere: PROFILE_CACHE_TTL 60 <= 3600, SESSION_CACHE_TTL 60 <= 1800, and 25
  // connections per process against 3,000 req/s x 20 ms over 10 processes = 6 in flight.
  const std::string topology = R"(version: 1
name: shop
environment: production
platform: kubernetes
traffic:
  peak_requests_per_second: 3000
  request_latency_ms: 20
products:
  tracardi:
    components:
      api:
        role: api
        replicas: 5
        workers: 2
        env:
          INSTALLATION_TOKEN: "${TOKEN}"
)";
  auto defaults = run_text(topology);
  REQUIRE(defaults.errors.empty());
  CHECK(with_id(defaults, "TR032").empty());
  CHECK(with_id(defaults, "TR033").empty());

  // PROFILE_CACHE_TTL above the default KEEP_PROFILE_IN_CACHE_FOR, and a pool of 5 under 6.
  auto tight = run_text(with(topology, "          INSTALLATION_TOKEN",
                             "          PROFILE_CACHE_TTL: 7200\n          ELASTIC_MAX_CONN: 5\n"
                             "          INSTALLATION_TOKEN"));
  INFO(test_support::describe(tight));
  REQUIRE(tight.errors.empty());
  auto tr032 = with_id(tight, "TR032");
  REQUIRE(tr032.size() == 1);
  CHECK_THAT(tr032[0]->message, Catch::Contains("KEEP_PROFILE_IN_CACHE_FOR 3,600 s (unset: Tracardi's default)"));
  auto tr033 = with_id(tight, "TR033");
  REQUIRE(tr033.size() == 1);
  CHECK_THAT(tr033[0]->message, Catch::Contains("about 6 requests in flight"));
}

TEST_CASE("TR034, TR035, TR036: Tracardi secrets, chart defaults and dependency versions") {
  const std::string topology = R"(version: 1
name: shop
environment: production
platform: kubernetes
products:
  tracardi:
    HELM
    components:
      api:
        role: api
        replicas: 5
        env:
          INSTALLATION_TOKEN: "${TOKEN}"
          MERGING
      es:
        role: elasticsearch
        replicas: 3
        image: ES_IMAGE
)";
  auto make = [&](const std::string& helm, const std::string& merging, const std::string& image) {
    return with(with(with(topology, "HELM", helm), "MERGING", merging), "ES_IMAGE", image);
  };
  // Unset AUTO_PROFILE_MERGING: Tracardi's public default applies.
  auto unset = run_text(make("", "", "elasticsearch:8.11.3"));
  REQUIRE(unset.errors.empty());
  auto tr034 = with_id(unset, "TR034");
  REQUIRE(tr034.size() == 1);
  CHECK_THAT(tr034[0]->message, Catch::Contains("public default"));
  CHECK(with_id(unset, "TR035").empty());  // no chart declared
  CHECK(with_id(unset, "TR036").empty());  // 8.11.3 is supported

  // The default written out, and APM off (the setting is then not used).
  auto written = run_text(make("", "AUTO_PROFILE_MERGING: 's>a.d-kljsa87^5adh'", "elasticsearch:8.11.3"));
  REQUIRE(written.errors.empty());
  CHECK(with_id(written, "TR034").size() == 1);
  auto apm_off = run_text(make("", "APM: 'no'", "elasticsearch:8.11.3"));
  REQUIRE(apm_off.errors.empty());
  CHECK(with_id(apm_off, "TR034").empty());

  // The 1.1 chart without LOGGING_LEVEL; another chart version is not judged.
  auto chart = run_text(make("helm_chart: '1.1.2'", "", "elasticsearch:8.11.3"));
  REQUIRE(chart.errors.empty());
  auto tr035 = with_id(chart, "TR035");
  REQUIRE(tr035.size() == 1);
  CHECK_THAT(tr035[0]->message, Catch::Contains("loggingLevel \"INFO\""));
  auto other_chart = run_text(make("helm_chart: '1.0.4'", "", "elasticsearch:8.11.3"));
  REQUIRE(other_chart.errors.empty());
  CHECK(with_id(other_chart, "TR035").empty());

  // Versions from image tags: as precise as the tag is.
  struct Case {
    std::string image;
    bool fires;
  };
  for (const Case& c : {Case{"elasticsearch:8.11.4", true}, Case{"elasticsearch:8.12", true},
                        Case{"elasticsearch:8.11", false}, Case{"elasticsearch:8", false},
                        Case{"elasticsearch:9", true}, Case{"elasticsearch:7.17.10", false},
                        Case{"registry.local:5000/elastic/elasticsearch:8.13.0", true},
                        Case{"registry.local:5000/elastic/elasticsearch", false},
                        Case{"elasticsearch:latest", false}, Case{"bitnami/elasticsearch:8.15.0-debian-12-r1", true}}) {
    INFO(c.image);
    auto run = run_text(make("", "", c.image));
    REQUIRE(run.errors.empty());
    CHECK(with_id(run, "TR036").size() == (c.fires ? 1U : 0U));
  }

  // A declared version wins over the image tag; Pulsar 3.1 and MySQL 8.3 are series.
  const std::string stores = R"(version: 1
name: shop
environment: staging
products:
  tracardi:
    components:
      pulsar: {role: pulsar, brokers: 2, bookies: 3, image: "apachepulsar/pulsar:3.1.0", version: PULSAR}
      mysql: {role: mysql, image: "mysql:MYSQL"}
)";
  auto newer = run_text(with(with(stores, "PULSAR", "'3.2.1'"), "MYSQL", "8.4"));
  INFO(test_support::describe(newer));
  REQUIRE(newer.errors.empty());
  auto tr036 = with_id(newer, "TR036");
  REQUIRE(tr036.size() == 2);
  CHECK_THAT(tr036[0]->message, Catch::Contains("runs pulsar 3.2.1 (version)"));
  CHECK_THAT(tr036[1]->message, Catch::Contains("runs mysql 8.4 (image mysql:8.4)"));
  auto series = run_text(with(with(stores, "PULSAR", "'3.1.2'"), "MYSQL", "8.3.0"));
  REQUIRE(series.errors.empty());
  CHECK(with_id(series, "TR036").empty());
}

TEST_CASE("MR016: training memory grows with stored click-throughs, and no memory names the chart's heap") {
  const std::string topology = R"(version: 1
name: shop
environment: production
platform: kubernetes
traffic:
  events_per_day: 1000000
  retention_days: 30
products:
  metarank:
    components:
      training:
        role: train
        run: scheduled
        schedule: "@weekly"
        MEMORY
)";
  // 1,000,000 events a day x 0.29 click-throughs per event x 30 days (no Redis train store,
  // so the event retention) = 8.7 million; x 10 features x 100 bytes x 2 = 17.4 GB, + 1 GB.
  auto small = run_text(with(topology, "MEMORY", "resources: {memory_gb: 16}"));
  INFO(test_support::describe(small));
  REQUIRE(small.errors.empty());
  auto mr016 = with_id(small, "MR016");
  REQUIRE(mr016.size() == 1);
  CHECK_THAT(mr016[0]->message, Catch::Contains("needs about 19 GB"));
  CHECK_THAT(mr016[0]->message, Catch::Contains("8,700,000 stored click-throughs with 10 features"));

  auto enough = run_text(with(topology, "MEMORY", "resources: {memory_gb: 19}"));
  REQUIRE(enough.errors.empty());
  CHECK(with_id(enough, "MR016").empty());

  auto unset = run_text(with(topology, "MEMORY", "replicas: 1"));
  REQUIRE(unset.errors.empty());
  auto named = with_id(unset, "MR016");
  REQUIRE(named.size() == 1);
  CHECK_THAT(named[0]->message, Catch::Contains("-Xmx1g"));
}

TEST_CASE("MR017 and MR018: a Redis train store adds to the state's memory and wants ttls") {
  // 100,000 users: MR013's state figure. 100,000 events a day x 0.29 x 365 days (the Redis train
  // store's default ttl) = 10.6 million click-throughs x 10 features x 100 bytes x 2 = 21.2 GB.
  const std::string topology = R"(version: 1
name: shop
environment: production
platform: kubernetes
traffic:
  profiles: 100000
  events_per_day: 100000
products:
  metarank:
    config: metarank.yml
    components:
      state:
        role: state
        type: redis
        backup: {kind: rdb}
        resources: {memory_gb: 8}
)";
  const std::string redis_config = "state: {type: redis, host: redis, port: 6379}\n";
  auto run = run_text(topology, {{"metarank.yml", redis_config}});
  INFO(test_support::describe(run));
  REQUIRE(run.errors.empty());
  auto mr017 = with_id(run, "MR017");
  REQUIRE(mr017.size() == 1);
  CHECK_THAT(mr017[0]->message, Catch::Contains("kept 365 days, the default ttl"));
  CHECK_THAT(mr017[0]->fix, Catch::Contains("S3 train store"));
  auto mr018 = with_id(run, "MR018");
  REQUIRE(mr018.size() == 1);
  CHECK_THAT(mr018[0]->message, Catch::Contains("there is no train block"));

  // train.ttl 30d: 0.87 million click-throughs, 1.74 GB, which 8 GB holds.
  auto short_ttl = run_text(topology, {{"metarank.yml",
                                        redis_config + "train: {type: redis, host: redis, port: 6379, ttl: 30d}\n"}});
  REQUIRE(short_ttl.errors.empty());
  CHECK(with_id(short_ttl, "MR017").empty());
  CHECK(with_id(short_ttl, "MR018").empty());
}

TEST_CASE("MR019 and MR020: a Redis that Metarank can use") {
  const std::string topology = R"(version: 1
name: shop
environment: staging
products:
  metarank:
    components:
      state:
        role: state
        type: redis
        EXTRA
)";
  for (const auto& [image, fires] : std::vector<std::pair<std::string, bool>>{
           {"redis:5", true}, {"redis:6.0.20", false}, {"bitnami/redis:5.0.14-debian-10", true},
           {"redis:alpine", false}, {"redis:7.2.4", false}}) {
    INFO(image);
    auto run = run_text(with(topology, "EXTRA", "image: " + image));
    REQUIRE(run.errors.empty());
    CHECK(with_id(run, "MR019").size() == (fires ? 1U : 0U));
  }
  // A declared version wins over the image tag.
  auto declared = run_text(with(topology, "EXTRA", "image: redis:7.2.4\n        version: '5.0'"));
  REQUIRE(declared.errors.empty());
  auto mr019 = with_id(declared, "MR019");
  REQUIRE(mr019.size() == 1);
  CHECK_THAT(mr019[0]->message, Catch::Contains("runs Redis 5.0 (version)"));
  // Managed: Memorystore has no CLIENT TRACKING unless declared; ElastiCache has it unless declared.
  for (const auto& [extra, fires] : std::vector<std::pair<std::string, bool>>{
           {"managed: memorystore", true},
           {"managed: memorystore\n        client_tracking: true", false},
           {"managed: elasticache", false},
           {"managed: elasticache\n        client_tracking: false", true}}) {
    INFO(extra);
    auto run = run_text(with(topology, "EXTRA", extra));
    REQUIRE(run.errors.empty());
    CHECK(with_id(run, "MR020").size() == (fires ? 1U : 0U));
  }
}

TEST_CASE("MF013: a flow's @project branch in its source counts as declared") {
  const std::string topology = R"(version: 1
name: ml
environment: production
products:
  metaflow:
    orchestrator: argo-workflows
    datastore: s3
    metadata: service
    components:
      argo: {role: orchestrator, replicas: 2}
      metadata-service: {role: metadata_service, replicas: 2}
    flows:
      TrainFlow:
        file: train.py
)";
  const std::string source = R"(from metaflow import FlowSpec, step, project, schedule

@project(name="ranking"BRANCH)
@schedule(daily=True)
class TrainFlow(FlowSpec):
    @step
    def start(self):
        self.next(self.end)

    @step
    def end(self):
        pass
)";
  auto untagged = run_text(topology, {{"train.py", with(source, "BRANCH", "")}});
  INFO(test_support::describe(untagged));
  REQUIRE(untagged.errors.empty());
  auto mf013 = with_id(untagged, "MF013");
  REQUIRE(mf013.size() == 1);
  CHECK_THAT(mf013[0]->message, Catch::Contains("user.<name> branch"));

  auto branched = run_text(topology, {{"train.py", with(source, "BRANCH", ", branch=\"prod\"")}});
  REQUIRE(branched.errors.empty());
  CHECK(with_id(branched, "MF013").empty());
}

TEST_CASE("CX017: the replicas reachable within the burst, from Cortex's autoscaling defaults") {
  const std::string topology = R"(version: 1
name: serving
environment: production
traffic:
  peak_requests_per_second: 400
  request_latency_ms: 100
  burst_seconds: BURST
products:
  cortex:
    apis:
      - name: ranker
        kind: RealtimeAPI
        pod:
          max_concurrency: 4
          containers:
            - name: api
              image: ranker:1
              compute: {cpu: 1, mem: 2Gi}
        autoscaling:
          min_replicas: 2
          max_replicas: 40
)";
  // 400 req/s x 0.1 s = 40 in flight / 4 = 10 replicas. From 2 at x1.5 a minute after a
  // 60 s window: 240 s gives 4 steps, 2 x 5.06 = 10 replicas; 180 s gives 3 steps, 6.
  auto slow = run_text(with(topology, "BURST", "180"));
  INFO(test_support::describe(slow));
  REQUIRE(slow.errors.empty());
  auto cx017 = with_id(slow, "CX017");
  REQUIRE(cx017.size() == 1);
  CHECK_THAT(cx017[0]->message, Catch::Contains("reaches about 6 replicas"));
  CHECK_THAT(cx017[0]->message, Catch::Contains("the peak needs 10"));
  CHECK_THAT(cx017[0]->fix, Catch::Contains("min_replicas to at least 3"));

  auto long_enough = run_text(with(topology, "BURST", "240"));
  REQUIRE(long_enough.errors.empty());
  CHECK(with_id(long_enough, "CX017").empty());
}
