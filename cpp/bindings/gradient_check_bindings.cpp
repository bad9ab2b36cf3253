// The bounded gradient check (core/gradient_check_job.hpp) for JavaScript: a job started on a
// trainer's batch (the trainer is never touched), run in slices by run_for so that the worker
// answers messages between them, and dropped (delete()) to cancel.
#include <emscripten/bind.h>

#include <memory>
#include <variant>

#include "bindings/trainer_handle.hpp"
#include "core/gradient_check_network.hpp"

namespace neurostep::js {

class GradientCheckHandle {
 public:
  template <typename S>
  explicit GradientCheckHandle(GradientCheckJob<S> job)
      : job_(std::make_shared<std::variant<GradientCheckJob<float>, GradientCheckJob<double>>>(std::move(job))) {}

  // {done, total} in forward passes, after at most max_passes of them (one check at least) or
  // max_seconds.
  val run_for(double max_passes, double max_seconds) {
    return guarded([&] {
      const long passes = to_integer(max_passes, "gradient check: forward passes per slice", 1, 1'000'000'000L);
      require(std::isfinite(max_seconds) && max_seconds > 0, "gradient check: seconds per slice must be a positive number");
      const JobProgress p = std::visit([&](auto& job) { return job.run_for(passes, max_seconds); }, *job_);
      val out = val::object();
      out.set("done", static_cast<double>(p.done));
      out.set("total", static_cast<double>(p.total));
      return out;
    });
  }

  // What has been checked so far (all of it once done = total): see GradientCheckReport.
  // entries: [tensor, index, largest, backprop, numeric, relativeError] per entry, packed;
  // directions: [layer, backprop, numeric, relativeError] per direction, packed.
  val report() const {
    return guarded([&] { return std::visit([](const auto& job) { return report_to_js(job.report()); }, *job_); });
  }

 private:
  static val report_to_js(const GradientCheckReport& r) {
    val out = val::object();
    out.set("exact", r.exact);
    out.set("parameters", static_cast<double>(r.parameters));
    out.set("budget", static_cast<double>(r.budget));
    out.set("forwardPasses", static_cast<double>(r.forward_passes));
    out.set("h", r.h);
    out.set("directionH", r.direction_h);
    out.set("seed", static_cast<double>(r.seed));
    out.set("maxRelativeError", r.max_relative_error);
    val layers = val::array();
    for (const LayerCheckSummary& l : r.layers) {
      val o = val::object();
      o.set("layer", l.layer);
      o.set("parameters", static_cast<double>(l.parameters));
      o.set("checked", static_cast<double>(l.checked));
      o.set("largest", static_cast<double>(l.largest));
      o.set("random", static_cast<double>(l.random));
      o.set("directions", l.directions);
      o.set("maxEntryError", l.max_entry_error);
      o.set("maxDirectionError", l.max_direction_error);
      layers.call<void>("push", o);
    }
    out.set("layers", layers);
    val tensors = val::array();
    for (const TensorCheckSummary& t : r.tensors) {
      val o = val::object();
      o.set("name", t.name);
      o.set("layer", t.layer);
      o.set("rows", static_cast<double>(t.rows));
      o.set("size", static_cast<double>(t.size));
      o.set("checked", static_cast<double>(t.checked));
      o.set("maxRelativeError", t.max_relative_error);
      tensors.call<void>("push", o);
    }
    out.set("tensors", tensors);
    std::vector<double> entries;
    entries.reserve(6 * r.entries.size());
    for (const EntryCheck& e : r.entries)
      entries.insert(entries.end(), {static_cast<double>(e.tensor), static_cast<double>(e.index), e.largest ? 1.0 : 0.0,
                                     e.backprop, e.numeric, e.relative_error});
    out.set("entries", float64_array(entries.data(), entries.size()));
    std::vector<double> directions;
    for (const DirectionCheck& d : r.directions)
      directions.insert(directions.end(), {static_cast<double>(d.layer), d.backprop, d.numeric, d.relative_error});
    out.set("directions", float64_array(directions.data(), directions.size()));
    return out;
  }

  std::shared_ptr<std::variant<GradientCheckJob<float>, GradientCheckJob<double>>> job_;
};

namespace {

// A job on the trainer's batch under way, or the one its next step would take.
val start_gradient_check(const TrainerHandle& trainer, double budget, double directions, double seed) {
  return trainer.visit([&](const auto& t) {
    GradientCheckOptions options;
    options.budget = to_integer(budget, "gradient check: budget", 1, GradientCheckJob<double>::max_budget);
    options.directions_per_layer = to_int(directions, "gradient check: directions per layer", 1, 1000);
    options.seed = to_seed(seed);
    return val(GradientCheckHandle(gradient_check_job(t, options)));
  });
}

}  // namespace

}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_gradient_check) {
  using neurostep::js::GradientCheckHandle;
  emscripten::class_<GradientCheckHandle>("GradientCheckHandle")
      .function("run_for", &GradientCheckHandle::run_for)
      .function("report", &GradientCheckHandle::report);
  emscripten::function("start_gradient_check", &neurostep::js::start_gradient_check);
}
