// The loss landscape and the learning-rate range test for JavaScript (core/loss_surface.hpp,
// core/lr_sweep.hpp, core/weight_path.hpp): free functions of a TrainerHandle, as layer_bindings.cpp.
// The wrapper (web/src/engine/landscape.js) hands over options whose every field is already a
// number, a boolean or a string; the core checks every value and size.
#include <emscripten/bind.h>

#include "bindings/trainer_handle.hpp"
#include "core/loss_surface.hpp"
#include "core/lr_sweep.hpp"

namespace neurostep::js {
namespace {

std::string string_of(const val& v) { return v.isString() ? v.as<std::string>() : std::string(); }

WeightRef weight_of(const val& w, const char* which) {
  const std::string what = std::string("loss surface: weight ") + which;
  WeightRef r;
  if (!has_properties(w)) return r;
  r.layer = to_int(number_of(w["layer"]), what + " layer", 0, 1 << 20);
  r.param = string_of(w["param"]);
  r.row = to_int(number_of(w["row"]), what + " row", 0, 1 << 30);
  r.col = to_int(number_of(w["col"]), what + " column", 0, 1 << 30);
  return r;
}

SurfaceOptions surface_options(const val& o) {
  SurfaceOptions s;
  s.random = o["random"].isTrue();
  if (s.random) s.seed = to_seed(number_of(o["seed"]));
  else {
    s.a = weight_of(o["a"], "a");
    s.b = weight_of(o["b"], "b");
  }
  s.extent = number_of(o["extent"]);
  s.resolution = to_int(number_of(o["resolution"]), "loss surface: resolution", 0, 1 << 20);
  s.test = o["test"].isTrue();
  return s;
}

val point_value(const PlanePoint& p) {
  val out = val::object();
  out.set("x", p.x);
  out.set("y", p.y);
  return out;
}

val surface(const TrainerHandle& h, const val& options) {
  return h.visit([&](const auto& t) {
    const LossSurface s = loss_surface(t, surface_options(options));
    val out = val::object();
    out.set("resolution", s.resolution);
    out.set("coords", float64_array(s.coords.data(), s.coords.size()));
    out.set("losses", float64_array(s.losses.data(), s.losses.size()));
    out.set("centre", s.centre);
    out.set("lowest", s.lowest);
    out.set("highest", s.highest);
    out.set("u", float64_array(s.u.data(), static_cast<std::size_t>(s.u.size())));
    out.set("v", float64_array(s.v.data(), static_cast<std::size_t>(s.v.size())));
    std::vector<double> path;
    for (const PlanePoint& p : s.path) path.insert(path.end(), {p.x, p.y});
    out.set("path", float64_array(path.data(), path.size()));
    out.set("gradientStep", point_value(s.gradient_step));
    out.set("nextStep", point_value(s.next_step));
    out.set("learningRate", s.learning_rate);
    return out;
  });
}

val move_on(TrainerHandle& h, const val& options, double x, double y) {
  return h.visit([&](auto& t) {
    move_on_surface(t, surface_options(options), x, y);
    return val::undefined();
  });
}

val sweep(const TrainerHandle& h, double low, double high, double count, double steps) {
  return h.visit([&](const auto& t) {
    SweepOptions o;
    o.low = low;
    o.high = high;
    o.count = to_int(count, "learning-rate sweep: count", 0, 1 << 20);
    o.steps = to_int(steps, "learning-rate sweep: steps", 0, 1 << 20);
    const LrSweep s = lr_sweep(t, o);
    val out = val::object();
    out.set("startLoss", s.start_loss);
    out.set("rates", float64_array(s.rates.data(), s.rates.size()));
    out.set("losses", float64_array(s.losses.data(), s.losses.size()));
    val diverged = val::array();
    for (bool d : s.diverged) diverged.call<void>("push", d);
    out.set("diverged", diverged);
    out.set("best", s.best);
    return out;
  });
}

val record_path(TrainerHandle& h, double capacity) {
  return h.visit([&](auto& t) {
    t.path().set_capacity(to_int(capacity, "weight path: capacity", -1, 1 << 20), t.network());
    return val::undefined();
  });
}

// {capacity, points: [Float64Array of theta], oldest first}.
val weight_path(const TrainerHandle& h) {
  return h.visit([&](const auto& t) {
    val points = val::array();
    for (int k = 0; k < t.path().size(); ++k) {
      const Eigen::VectorXd p = t.path().point(k);
      points.call<void>("push", float64_array(p.data(), static_cast<std::size_t>(p.size())));
    }
    val out = val::object();
    out.set("capacity", t.path().capacity());
    out.set("points", points);
    return out;
  });
}

}  // namespace
}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_landscape) {
  emscripten::function("trainer_loss_surface", &neurostep::js::surface);
  emscripten::function("trainer_move_on_surface", &neurostep::js::move_on);
  emscripten::function("trainer_lr_sweep", &neurostep::js::sweep);
  emscripten::function("trainer_record_path", &neurostep::js::record_path);
  emscripten::function("trainer_weight_path", &neurostep::js::weight_path);
}
