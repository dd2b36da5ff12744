// The checks of pkg/types/spec/validations.go and errors.go: what `cortex deploy` refuses in an
// API spec. Unset values take Cortex's defaults before a comparison.
#include <cmath>
#include <optional>
#include <string>

#include "model/cortex_validation.hpp"
#include "model/native_value_checks.hpp"

namespace deploy_advisor {

namespace {

using namespace native_checks;

bool is(const Value& v, const char* text) { return equal(v, Value::string(text)); }

/// A Kubernetes quantity in MiB ("512Mi", "2G", "1.5Gi", a plain number of bytes); nothing
/// when it is not one.
std::optional<double> mebibytes(const Value& v) {
  if (is_number(v)) return v.as_number() / 1048576;
  if (!v.is_string()) return std::nullopt;
  const std::string& text = v.as_string();
  // The number before the first occurrence of the suffix, as Cortex splits it.
  auto before = [&](const char* suffix) { return parse_decimal(text.substr(0, text.find(suffix))); };
  auto scaled = [](std::optional<double> n, auto f) { return n ? std::optional<double>(f(*n)) : std::nullopt; };
  struct Unit {
    const char* suffix;
    double (*convert)(double);
  };
  static const Unit units[] = {
      {"Ki", [](double n) { return n / 1024; }},
      {"Mi", [](double n) { return n; }},
      {"Gi", [](double n) { return n * 1024; }},
      {"Ti", [](double n) { return n * 1048576; }},
      {"Pi", [](double n) { return n * 1073741824; }},
      {"k", [](double n) { return n * 1000 / 1048576; }},
      {"K", [](double n) { return n * 1000 / 1048576; }},
      {"M", [](double n) { return n * 1000000 / 1048576; }},
      {"G", [](double n) { return n * 1000000000 / 1048576; }},
      {"T", [](double n) { return n * 1000000000000 / 1048576; }},
      {"P", [](double n) { return n * 1000000000000000 / 1048576; }},
      {"m", [](double n) { return n / 1000 / 1048576; }},
  };
  for (const auto& unit : units)
    if (text.ends_with(unit.suffix)) return scaled(before(unit.suffix), unit.convert);
  return scaled(parse_decimal(text), [](double n) { return n / 1048576; });
}

/// CPU cores ("200m", "0.5", 2); nothing when it is not a quantity.
std::optional<double> cores(const Value& v) {
  if (is_number(v)) return v.as_number();
  if (!v.is_string()) return std::nullopt;
  const std::string& text = v.as_string();
  if (text.ends_with("m")) {
    auto n = parse_decimal(text.substr(0, text.find('m')));
    return n ? std::optional<double>(*n / 1000) : std::nullopt;
  }
  return parse_decimal(text);
}

bool is_port(const Value& v) {
  return is_whole(v) && v.as_number() > 0 && v.as_number() <= 65535 && v.as_number() != 8888 &&
         v.as_number() != 15000;
}

class CortexApiCheck {
 public:
  CortexApiCheck(const Value& api, const std::string& all_names, std::vector<Finding>& findings)
      : api_(api), all_names_(all_names), findings_(findings) {
    const Value name = api.get("name");
    an_ = is_set(name) ? shown(name) : "API";
    kind_ = api.get("kind");
    pod_ = api.get("pod");
    for (const auto& c : items_of(pod_.get("containers")))
      if (c.is_map()) containers_.push_back(c);
  }

  void run() {
    check_name_and_kind();
    check_keys_of_kind();
    check_pod();
    if (kind_in({"RealtimeAPI", "AsyncAPI"}) && is_set(api_.get("autoscaling"))) check_autoscaling();
    check_update_strategy();
    check_accelerators();
    if (is(kind_, "TrafficSplitter")) check_traffic_splitter();
    for (const auto& c : containers_) check_container(c);
  }

 private:
  void reject(const Value& at, const std::string& what) {
    findings_.push_back(
        finding(kRejectedByCortex, at, what + "; Cortex refuses this configuration", "",
                an_));
  }

  bool kind_in(std::initializer_list<const char*> kinds) const {
    for (const char* k : kinds)
      if (is(kind_, k)) return true;
    return false;
  }

  [[nodiscard]] std::string kind() const { return shown(kind_); }

  void check_whole(const Value& v, const std::string& label, double low, double high,
                   const std::string& requirement) {
    if (!is_set(v) || (is_whole(v) && v.as_number() >= low && v.as_number() <= high)) return;
    reject(v, label + " " + shown(v) + ": " + requirement);
  }

  void check_name_and_kind() {
    const Value name = api_.get("name");
    if (!is_set(name)) reject(api_, "an API has no name; Cortex requires it");
    if (is_set(name) && !(matches(name, "^[a-z]([-a-z0-9]*[a-z0-9])?$") &&
                          characters(name.as_string()) <= 42 && !name.as_string().starts_with("b-")))
      reject(name, "API name " + shown(name) +
                       ": must be a DNS-1035 label (lowercase letters, digits and dashes, starting "
                       "with a letter, not ending with a dash), at most 42 characters, not "
                       "starting with b-");
    if (is_set(name) && occurrences("\n" + an_ + "\n") > 1)
      reject(name, "name " + an_ + " must be unique across apis");
    if (!is_set(kind_))
      reject(api_, "API " + an_ + " has no kind; Cortex requires one of RealtimeAPI, AsyncAPI, "
                   "BatchAPI, TaskAPI, TrafficSplitter");
    if (is_set(kind_) && !is_one_of(kind_, {"RealtimeAPI", "AsyncAPI", "BatchAPI", "TaskAPI", "TrafficSplitter"}))
      reject(kind_, "kind " + kind() + " is not one of RealtimeAPI, AsyncAPI, BatchAPI, TaskAPI, TrafficSplitter");
  }

  /// Non-overlapping occurrences in the list of every API's name.
  [[nodiscard]] std::size_t occurrences(const std::string& part) const {
    std::size_t count = 0;
    for (std::size_t at = all_names_.find(part); at != std::string::npos;
         at = all_names_.find(part, at + part.size()))
      ++count;
    return count;
  }

  void not_for_kind(bool applies, const Value& v, const std::string& label) {
    if (applies && is_set(v)) reject(v, label + " is not supported for " + kind() + " kind");
  }

  void check_keys_of_kind() {
    const bool batch_or_task = kind_in({"BatchAPI", "TaskAPI"});
    const bool splitter = is(kind_, "TrafficSplitter");
    not_for_kind(batch_or_task || splitter, api_.get("autoscaling"), "autoscaling");
    not_for_kind(batch_or_task || splitter, api_.get("update_strategy"), "update_strategy");
    not_for_kind(splitter, pod_, "pod");
    not_for_kind(splitter, api_.get("node_groups"), "node_groups");
    not_for_kind(kind_in({"RealtimeAPI", "AsyncAPI", "BatchAPI", "TaskAPI"}), api_.get("apis"), "apis");
    not_for_kind(batch_or_task, pod_.get("max_concurrency"), "pod.max_concurrency");
    not_for_kind(kind_in({"AsyncAPI", "BatchAPI", "TaskAPI"}), pod_.get("max_queue_length"),
                 "pod.max_queue_length");
    not_for_kind(is(kind_, "TaskAPI"), pod_.get("port"), "pod.port");
  }

  void check_pod() {
    const bool workload = kind_in({"RealtimeAPI", "AsyncAPI", "BatchAPI", "TaskAPI"});
    if (workload && !is_set(pod_))
      reject(api_, "API " + an_ + " (" + kind() + ") has no pod section; Cortex requires it");
    if (workload && is_set(pod_) && containers_.empty())
      reject(pod_.get("containers"),
             "pod.containers is empty or missing: at least one container must be provided");
    const Value port = pod_.get("port");
    if (is_set(port) && !(is(kind_, "TaskAPI") || is_port(port)))
      reject(port, "pod.port " + shown(port) +
                       ": must be a whole number from 1 to 65,535 other than 8888 and 15000, which "
                       "Cortex reserves for its proxy and admin ports");
    const Value concurrency = pod_.get("max_concurrency");
    if (is(kind_, "RealtimeAPI"))
      check_whole(concurrency, "pod.max_concurrency", 1, 30000, "must be a whole number from 1 to 30,000");
    if (is(kind_, "AsyncAPI"))
      check_whole(concurrency, "pod.max_concurrency", 1, 100,
                  "must be a whole number from 1 to 100 for an AsyncAPI");
    if (is(kind_, "RealtimeAPI"))
      check_whole(pod_.get("max_queue_length"), "pod.max_queue_length", 1, 30000,
                  "must be a whole number from 1 to 30,000");
  }

  void check_autoscaling() {
    const Value autoscaling = api_.get("autoscaling");
    auto at = [&](const char* key) { return autoscaling.get(key); };
    const std::optional<double> concurrency = number_or(pod_.get("max_concurrency"), 1);
    const std::optional<double> queue = number_or(pod_.get("max_queue_length"), 100);
    const std::optional<double> min = number_or(at("min_replicas"), 1);
    const std::optional<double> max = number_or(at("max_replicas"), 100);
    const std::optional<double> init = number_or(at("init_replicas"), min);
    const Value target = at("target_in_flight");
    if (is_set(target) && !(is_number(target) && target.as_number() > 0))
      reject(target, "autoscaling.target_in_flight " + shown(target) + ": must be a number greater than 0");
    if (is(kind_, "RealtimeAPI") && is_number(target) && concurrency && queue &&
        target.as_number() > *concurrency + *queue)
      reject(target, "autoscaling.target_in_flight cannot be greater than max_concurrency + "
                     "max_queue_length (" + shown(target) + " > " + shown(concurrency) + " + " +
                         shown(queue) +
                         (is_set(pod_.get("max_concurrency")) && is_set(pod_.get("max_queue_length"))
                              ? ""
                              : "; unset, they are 1 and 100") +
                         ")");
    check_whole(at("min_replicas"), "autoscaling.min_replicas", 0, HUGE_VAL, "must be a whole number >= 0");
    const Value max_replicas = at("max_replicas");
    if (is_set(max_replicas) && !(is_whole(max_replicas) && max_replicas.as_number() > 0))
      reject(max_replicas, "autoscaling.max_replicas " + shown(max_replicas) + ": must be a whole number > 0");
    check_whole(at("init_replicas"), "autoscaling.init_replicas", 0, HUGE_VAL, "must be a whole number >= 0");
    if (min && max && *min > *max)
      reject(is_set(at("min_replicas")) ? at("min_replicas") : max_replicas,
             "min_replicas cannot be greater than max_replicas (" + shown(min) + " > " + shown(max) +
                 (is_set(max_replicas) ? "" : ", its default") + ")");
    if (is_set(at("init_replicas")) && init && max && *init > *max)
      reject(at("init_replicas"), "init_replicas cannot be greater than max_replicas (" + shown(init) +
                                      " > " + shown(max) + ")");
    if (is_set(at("init_replicas")) && init && min && *init < *min)
      reject(at("init_replicas"), "init_replicas cannot be less than min_replicas (" + shown(init) +
                                      " < " + shown(min) + ")");
    check_fraction(at("max_downscale_factor"), "autoscaling.max_downscale_factor");
    const Value upscale = at("max_upscale_factor");
    if (is_set(upscale) && !(is_number(upscale) && upscale.as_number() > 1))
      reject(upscale, "autoscaling.max_upscale_factor " + shown(upscale) + ": must be a number greater than 1");
    check_fraction(at("downscale_tolerance"), "autoscaling.downscale_tolerance");
    const Value tolerance = at("upscale_tolerance");
    if (is_set(tolerance) && !(is_number(tolerance) && tolerance.as_number() >= 0))
      reject(tolerance, "autoscaling.upscale_tolerance " + shown(tolerance) + ": must be a number at least 0");
  }

  void check_fraction(const Value& v, const std::string& label) {
    if (is_set(v) && !(is_number(v) && v.as_number() >= 0 && v.as_number() < 1))
      reject(v, label + " " + shown(v) + ": must be a number at least 0 and below 1");
  }

  void check_update_strategy() {
    const Value strategy = api_.get("update_strategy");
    auto zero = [&](const char* key) {
      const Value v = strategy.get(key);
      const std::string text = is_set(v) ? shown(v) : "25%";
      return text == "0" || text == "0%";
    };
    if (kind_in({"RealtimeAPI", "AsyncAPI"}) && is_set(strategy) && zero("max_surge") && zero("max_unavailable"))
      reject(strategy.get("max_surge"), "max_surge and max_unavailable cannot both be zero");
  }

  void check_accelerators() {
    auto uses = [](const Value& c, const char* resource) {
      const Value v = c.get("compute").get(resource);
      return is_number(v) && v.as_number() > 0;
    };
    const Value* with_inf = nullptr;
    bool gpu = false;
    for (const auto& c : containers_) {
      gpu = gpu || uses(c, "gpu");
      if (!with_inf && uses(c, "inf")) with_inf = &c;
    }
    if (gpu && with_inf)
      reject(with_inf->get("compute").get("inf"), "gpu and inf resources cannot be used together");
  }

  void check_traffic_splitter() {
    const Value::List backends = items_of(api_.get("apis"));
    if (backends.empty())
      reject(api_, "TrafficSplitter " + an_ + " lists no apis; Cortex requires at least one");
    for (const auto& s : backends) {
      const Value weight = s.get("weight");
      if (!(is_whole(weight) && weight.as_number() >= 0 && weight.as_number() <= 100))
        reject(weight, "apis: the weight of " + shown(s.get("name")) + ", " + shown(weight) +
                           ", must be a whole number from 0 to 100");
    }
    double total = 0;
    std::size_t shadows = 0;
    for (const auto& s : backends) {
      const bool shadow = equal(s.get("shadow"), Value::boolean(true));
      if (!shadow && is_number(s.get("weight"))) total += s.get("weight").as_number();
      shadows += shadow ? 1 : 0;
    }
    if (!backends.empty() && total != 100)
      reject(api_.get("apis"), "expected weights of all non-shadow apis to sum to 100 but found " +
                                   shown(std::optional<double>(total)));
    if (shadows > 1)
      reject(api_.get("apis"), "multiple shadow apis detected; only one api is allowed to be marked as a shadow");
    std::string duplicates;
    for (const auto& s : backends) {
      std::size_t same = 0;
      for (const auto& o : backends) same += equal(o.get("name"), s.get("name")) ? 1 : 0;
      if (same > 1) duplicates += (duplicates.empty() ? "" : ", ") + shown(s.get("name"));
    }
    if (!duplicates.empty()) reject(api_.get("apis"), "apis not unique: " + duplicates);
  }

  void check_container(const Value& c) {
    const Value name = c.get("name");
    const std::string cn = shown(name);
    if (!is_set(name)) reject(c, "a container of API " + an_ + " has no name; Cortex requires it");
    if (is_one_of(name, {"proxy", "dequeuer"}))
      reject(name, "container name " + cn + " is reserved by Cortex (proxy, dequeuer)");
    if (is_set(name) && !(matches(name, "^[a-z]([-a-z0-9]*[a-z0-9])?$") && characters(name.as_string()) <= 63))
      reject(name, "container name " + cn +
                       ": must be a DNS-1035 label (lowercase letters, digits and dashes, starting "
                       "with a letter, not ending with a dash), at most 63 characters");
    if (is_set(name)) {
      std::size_t same = 0;
      for (const auto& o : containers_) same += equal(o.get("name"), name) ? 1 : 0;
      if (same > 1) reject(name, "container name " + cn + " must be unique");
    }
    const Value image = c.get("image");
    if (!is_set(image) || equal(image, Value::string("")))
      reject(c, "container " + cn + " has no image; Cortex requires it");
    const bool batch_or_task = kind_in({"BatchAPI", "TaskAPI"});
    if (batch_or_task && !is_set(c.get("command")))
      reject(c, "container " + cn + ": command must be specified for " + kind() + " kind");
    for (const char* list : {"command", "args"}) {
      const Value v = c.get(list);
      if (is_set(v) && !v.is_list())
        reject(v, std::string(list) + " of container " + cn + " is " + shown(v) + ": must be a list of strings");
    }
    const Value env = c.get("env");
    if (is_set(env) && !env.is_map())
      reject(env, "env of container " + cn + " is " + shown(env) + ": must be a map of variable names to values");
    const Value readiness = c.get("readiness_probe");
    const Value liveness = c.get("liveness_probe");
    const Value pre_stop = c.get("pre_stop");
    if (is(kind_, "TaskAPI") && is_set(readiness))
      reject(readiness, "readiness_probe is not supported for TaskAPI kind");
    if (batch_or_task && is_set(pre_stop)) reject(pre_stop, "pre_stop is not supported for " + kind() + " kind");
    check_handlers(readiness, "readiness_probe", cn, true);
    check_handlers(liveness, "liveness_probe", cn, true);
    check_handlers(pre_stop, "pre_stop", cn, false);
    if (is_set(readiness.get("exec")) && !is(kind_, "RealtimeAPI"))
      reject(readiness.get("exec"), "readiness_probe.exec is not supported for " + kind() +
                                        " kind (use http_get or tcp_socket)");
    check_probe_ports(readiness, "readiness_probe", cn);
    check_probe_ports(liveness, "liveness_probe", cn);
    if (env.is_map())
      for (const auto& [key, value] : env.as_map())
        if (key.starts_with("CORTEX_") || key.starts_with("KUBEXIT_"))
          reject(value, "env " + key + " of container " + cn +
                            ": environment variables starting with CORTEX_ or KUBEXIT_ are reserved");
    if (is_set(c.get("compute"))) check_compute(c.get("compute"), cn);
  }

  /// A probe (or pre_stop hook) has exactly one handler.
  void check_handlers(const Value& probe, const std::string& label, const std::string& cn, bool tcp) {
    if (!is_set(probe)) return;
    int handlers = (is_set(probe.get("http_get")) ? 1 : 0) + (is_set(probe.get("exec")) ? 1 : 0) +
                   (tcp && is_set(probe.get("tcp_socket")) ? 1 : 0);
    if (handlers != 1)
      reject(probe, label + " of container " + cn + ": specify exactly one of " +
                        (tcp ? "http_get, tcp_socket, exec" : "http_get, exec"));
  }

  void check_probe_ports(const Value& probe, const std::string& label, const std::string& cn) {
    if (!is_set(probe)) return;
    for (const char* handler : {"http_get", "tcp_socket"}) {
      const Value h = probe.get(handler);
      const Value port = h.get("port");
      if (is_set(h) && !is_port(port))
        reject(is_set(port) ? port : h, label + "." + handler + ".port " + shown(port) + " of container " +
                                            cn + ": a whole number from 1 to 65,535 other than 8888 and "
                                                 "15000 is required");
    }
  }

  void check_compute(const Value& compute, const std::string& cn) {
    const Value cpu = compute.get("cpu");
    const Value mem = compute.get("mem");
    const Value shm = compute.get("shm");
    const std::optional<double> cpu_cores = cores(cpu);
    const std::optional<double> mem_mib = mebibytes(mem);
    const std::optional<double> shm_mib = mebibytes(shm);
    check_count(compute.get("gpu"), "compute.gpu", cn);
    check_count(compute.get("inf"), "compute.inf", cn);
    if (is_set(cpu) && (!cpu_cores || *cpu_cores < 0.02))
      reject(cpu, "compute.cpu " + shown(cpu) + " of container " + cn +
                      ": must be a quantity of at least 20m (such as 200m, 0.5 or 2)");
    if (is_set(mem) && (!mem_mib || *mem_mib < 20))
      reject(mem, "compute.mem " + shown(mem) + " of container " + cn +
                      ": must be a quantity of at least 20Mi (such as 512Mi or 2G)");
    if (is_set(shm) && !shm_mib)
      reject(shm, "compute.shm " + shown(shm) + " of container " + cn + ": must be a quantity (such as 64Mi or 1Gi)");
    if (shm_mib && mem_mib && *shm_mib > *mem_mib)
      reject(shm, "compute.shm (" + shown(shm) + ") cannot exceed total compute mem (" + shown(mem) + ")");
  }

  /// A number of devices: whole and not negative.
  void check_count(const Value& v, const std::string& label, const std::string& cn) {
    if (!is_set(v) || (is_whole(v) && v.as_number() >= 0)) return;
    reject(v, label + " " + shown(v) + " of container " + cn + ": must be a whole number >= 0");
  }

  const Value& api_;
  const std::string& all_names_;
  std::vector<Finding>& findings_;
  std::string an_;
  Value kind_;
  Value pod_;
  Value::List containers_;
};

}  // namespace

std::vector<Finding> validate_cortex_apis(const Value& apis) {
  std::vector<Finding> findings;
  // Every API's name between blank lines, so that a name is unique when it occurs once.
  std::string all_names = "\n";
  bool first = true;
  for (const auto& api : items_of(apis)) {
    const Value name = api.get("name");
    all_names += (first ? "" : "\n\n") + (is_set(name) ? shown(name) : std::string());
    first = false;
  }
  all_names += "\n";
  for (const auto& api : items_of(apis)) CortexApiCheck(api, all_names, findings).run();
  return findings;
}

}  // namespace deploy_advisor
