// libFuzzer target: the trainer's API driven by the input's bytes. A small random model (1-4
// layers of 1-8 units, any activation, loss, optimizer and initializer, now and then an absurd
// size) in float32 or float64, then up to 64 calls: data (small, sometimes with NaN, infinity,
// huge numbers, the wrong width or labels the loss cannot take), stepping by phase, batch and
// epoch, single weights and biases, learning rates and batch sizes, predictions of any shape,
// gradient checks (exact, and the bounded job in slices), a save/load round trip and copies.
//
// A neurostep::Error is the expected answer to a bad call, and after one the trainer must be
// exactly as it was ("nothing lost"). A finite value the trainer accepts must stay finite in it,
// and a model file saved from finite weights must load back with the same weights. Anything
// else (a crash, a sanitizer report, another exception, a hang) is a bug.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/gradient_check.hpp"
#include "core/gradient_check_network.hpp"
#include "core/model_file.hpp"
#include "core/trainer.hpp"

namespace {

using namespace neurostep;

[[noreturn]] void broken(const std::string& what) {
  std::fprintf(stderr, "fuzz_trainer: %s\n", what.c_str());
  std::abort();
}

// Bit for bit (NaN equals NaN); empty Eigen objects have no data pointer to give memcmp.
bool same_bytes(const void* a, const void* b, std::size_t n) { return n == 0 || std::memcmp(a, b, n) == 0; }

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Usually an ordinary number; now and then one that is not.
double any_number(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 15)) {
    case 0: return nan;
    case 1: return in.ConsumeBool() ? inf : -inf;
    case 2: return in.ConsumeBool() ? 1e30 : -1e30;
    case 3: return in.ConsumeBool() ? 1e300 : std::numeric_limits<double>::max();
    case 4: return std::numeric_limits<double>::denorm_min();
    case 5: {
      const auto bits = in.ConsumeIntegral<std::uint64_t>();
      double x;
      std::memcpy(&x, &bits, sizeof x);
      return x;
    }
    case 6: return 0.0;
    default: return in.ConsumeFloatingPointInRange(-4.0, 4.0);
  }
}

// Usually in [low, high]; now and then a bad count.
int any_count(FuzzedDataProvider& in, int low, int high) {
  if (in.ConsumeIntegralInRange(0, 15) != 0) return in.ConsumeIntegralInRange(low, high);
  const int odd[] = {0, -1, limits::max_units + 1, std::numeric_limits<int>::max(),
                     std::numeric_limits<int>::min()};
  return odd[in.ConsumeIntegralInRange<std::size_t>(0, 4)];
}

template <typename E>
E any_of(FuzzedDataProvider& in, E last) {
  return static_cast<E>(in.ConsumeIntegralInRange(0, static_cast<int>(last)));
}

OptimizerConfig any_optimizer(FuzzedDataProvider& in) {
  OptimizerConfig c = default_optimizer(any_of(in, OptimizerKind::adagrad));
  if (in.ConsumeIntegralInRange(0, 3) == 0) {
    double* fields[] = {&c.learning_rate, &c.momentum, &c.beta_1, &c.beta_2,
                        &c.rho, &c.epsilon, &c.initial_accumulator_value};
    *fields[in.ConsumeIntegralInRange<std::size_t>(0, 6)] =
        in.ConsumeBool() ? any_number(in) : in.ConsumeFloatingPointInRange(0.0, 0.99);
  }
  c.nesterov = in.ConsumeBool();
  c.amsgrad = in.ConsumeBool();
  return c;
}

ModelSpec any_spec(FuzzedDataProvider& in) {
  ModelSpec spec;
  spec.input_dim = any_count(in, 1, 8);
  const int depth = in.ConsumeIntegralInRange(0, 31) == 0 ? in.ConsumeIntegralInRange(0, 40)
                                                          : in.ConsumeIntegralInRange(1, 4);
  for (int i = 0; i < depth; ++i) {
    LayerConfig l;
    l.units = any_count(in, 1, 8);
    l.activation = any_of(in, Activation::softmax);
    l.use_bias = in.ConsumeIntegralInRange(0, 3) != 0;
    l.kernel_initializer = any_of(in, Initializer::random_normal);
    l.bias_initializer = in.ConsumeBool() ? Initializer::zeros : any_of(in, Initializer::random_normal);
    if (in.ConsumeIntegralInRange(0, 7) == 0) l.l1 = any_number(in);
    if (in.ConsumeIntegralInRange(0, 7) == 0) l.l2 = any_number(in);
    if (in.ConsumeIntegralInRange(0, 7) == 0) l.name = in.ConsumeRandomLengthString(8);
    spec.layers.push_back(l);
  }
  spec.loss = any_of(in, Loss::sparse_categorical_crossentropy);
  spec.optimizer = any_optimizer(in);
  return spec;
}

// A small dataset that usually fits the network and the loss, and now and then does not.
Dataset any_dataset(FuzzedDataProvider& in, int inputs, int outputs, Loss loss) {
  const bool fits = in.ConsumeIntegralInRange(0, 7) != 0;
  const long rows = in.ConsumeIntegralInRange(fits ? 1 : 0, 24);
  const int features = fits ? inputs : in.ConsumeIntegralInRange(0, 9);
  const bool sparse = loss == Loss::sparse_categorical_crossentropy;
  const int targets = fits ? (sparse ? 1 : outputs) : in.ConsumeIntegralInRange(0, 9);
  const bool hostile = in.ConsumeIntegralInRange(0, 7) == 0;
  Dataset d;
  d.x.resize(features, rows);
  d.y.resize(targets, fits || in.ConsumeBool() ? rows : rows + 1);  // sometimes ragged
  for (Eigen::Index i = 0; i < d.x.size(); ++i)
    d.x(i) = hostile && in.ConsumeIntegralInRange(0, 7) == 0 ? any_number(in)
                                                              : in.ConsumeFloatingPointInRange(-3.0, 3.0);
  for (Eigen::Index i = 0; i < d.y.size(); ++i) {
    if (hostile && in.ConsumeIntegralInRange(0, 7) == 0) d.y(i) = any_number(in);
    else if (sparse) d.y(i) = in.ConsumeIntegralInRange(0, outputs - 1);
    else if (is_crossentropy(loss)) d.y(i) = in.ConsumeBool() ? 1.0 : 0.0;
    else d.y(i) = in.ConsumeFloatingPointInRange(-2.0, 2.0);
  }
  return d;
}

// ---- "nothing lost": everything a failed call must leave as it was -----------------------------

template <typename S>
bool same_bits(const Matrix<S>& a, const Matrix<S>& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         same_bytes(a.data(), b.data(), sizeof(S) * a.size());
}
template <typename S>
bool same_bits(const Vector<S>& a, const Vector<S>& b) {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), sizeof(S) * a.size());
}

bool same_optimizer(const OptimizerConfig& x, const OptimizerConfig& y) {
  return x.kind == y.kind && x.learning_rate == y.learning_rate && x.momentum == y.momentum &&
         x.nesterov == y.nesterov && x.beta_1 == y.beta_1 && x.beta_2 == y.beta_2 &&
         x.amsgrad == y.amsgrad && x.rho == y.rho &&
         x.initial_accumulator_value == y.initial_accumulator_value && x.epsilon == y.epsilon;
}

// The settings a model file keeps: the hyperparameters of the optimizer's own kind.
bool same_saved_optimizer(const OptimizerConfig& x, const OptimizerConfig& y) {
  if (x.kind != y.kind) return false;
  for (const OptimizerField& f : optimizer_fields(x.kind))
    if (f.number ? x.*f.number != y.*f.number : x.*f.flag != y.*f.flag) return false;
  return true;
}

template <typename S>
bool same_state(const Trainer<S>& a, const Trainer<S>& b) {
  if (a.phase_index() != b.phase_index() || a.epoch() != b.epoch() ||
      a.batch_in_epoch() != b.batch_in_epoch() || a.iterations() != b.iterations() ||
      a.batch_size() != b.batch_size() || a.shuffle() != b.shuffle() || a.seed() != b.seed() ||
      a.history().size() != b.history().size() || a.batch_indices() != b.batch_indices() ||
      a.optimizer_slot_names() != b.optimizer_slot_names() ||
      !same_optimizer(a.optimizer(), b.optimizer()))
    return false;
  if (!same_bits(a.train_x(), b.train_x()) || !same_bits(a.train_y(), b.train_y()) ||
      !same_bits(a.test_x(), b.test_x()) || !same_bits(a.test_y(), b.test_y()))
    return false;
  for (int l = 0; l < a.network().depth(); ++l) {
    if (!same_bits(a.layer(l).W, b.layer(l).W) || !same_bits(a.layer(l).b, b.layer(l).b)) return false;
    for (int p = 0; p < 2; ++p) {
      const auto &x = a.optimizer_slots(l, p), &y = b.optimizer_slots(l, p);
      for (std::size_t k = 0; k < x.size(); ++k)
        if (x[k].size() != y[k].size() ||
            !same_bytes(x[k].data(), y[k].data(), sizeof(S) * x[k].size()))
          return false;
    }
  }
  return true;
}

template <typename S>
bool finite_weights(const Trainer<S>& t) {
  for (int l = 0; l < t.network().depth(); ++l)
    if (!t.layer(l).W.allFinite() || !t.layer(l).b.allFinite()) return false;
  return true;
}

// ---- the calls ---------------------------------------------------------------------------------

// The batch a gradient check looks at: the one under way, or the one the next step would take
// (drawn by a copy, as the page does), so that the trainer itself is left alone. Small networks
// get today's exact check; any network gets the bounded job, with a budget the input picks, run
// in slices of any size and sometimes dropped half way (a cancel). Either way the trainer must
// be exactly as it was, and the job must stay within its budget.
template <typename S>
void check_gradients(FuzzedDataProvider& in, const Trainer<S>& t) {
  const Trainer<S> before = t;
  if (parameter_count(t.network().spec()) <= 64 && in.ConsumeBool()) {
    if (t.phase_index() > 0) {
      gradient_check(t.network(), t.batch_x(), t.batch_y());
    } else {
      Trainer<S> next = t;
      next.step_phase();
      gradient_check(next.network(), next.batch_x(), next.batch_y());
    }
  } else {
    GradientCheckOptions options;
    const long budgets[] = {6, 50, 200, 1000, 0, -1, GradientCheckJob<S>::max_budget + 1};
    options.budget = in.ConsumeBool() ? in.ConsumeIntegralInRange<long>(1, 400) : budgets[in.ConsumeIntegralInRange<std::size_t>(0, 6)];
    options.directions_per_layer = in.ConsumeIntegralInRange(0, 9);
    options.seed = in.ConsumeIntegral<std::uint32_t>();
    GradientCheckJob<S> job = gradient_check_job(t, options);
    const long slice = in.ConsumeIntegralInRange<long>(0, 40);
    const bool cancel = in.ConsumeBool();
    for (int k = 0; !job.progress().finished() && !(cancel && k == 3); ++k) job.run_for(slice);
    const GradientCheckReport& r = job.report();
    if (r.forward_passes > std::max(options.budget, 4 * r.parameters) || job.progress().total > options.budget)
      broken("the gradient check went past its budget");
    if (job.progress().finished() && r.exact && static_cast<long>(r.entries.size()) != r.parameters)
      broken("an exact gradient check missed a parameter");
  }
  if (!same_state(t, before)) broken("a gradient check changed the trainer");
}

// save_model then load_model: finite weights come back bit for bit, with the same optimizer (and
// its state, unless that overflowed: savable_optimizer_state).
template <typename S>
void round_trip(const Trainer<S>& t) {
  const std::string text = save_model(t);
  LoadedModel m;
  try {
    m = load_model(text);
  } catch (const Error& e) {
    if (!finite_weights(t)) return;  // non-finite weights are written as null and refused
    broken(std::string("load_model refused save_model's text: ") + e.what() + "\n" + text);
  }
  const Trainer<S> back = make_trainer<S>(m);
  for (int l = 0; l < t.network().depth(); ++l)
    if (!same_bits(t.layer(l).W, back.layer(l).W) || !same_bits(t.layer(l).b, back.layer(l).b))
      broken("save_model/load_model changed the weights:\n" + text);
  // The optimizer's state comes back when it is one the loader takes, and is left out otherwise.
  if (savable_optimizer_state(t).has_value() != m.optimizer_state.has_value() ||
      back.optimizer_state().iterations != (m.optimizer_state ? t.optimizer_state().iterations : 0))
    broken("save_model/load_model changed the optimizer's step count:\n" + text);
  if (!same_saved_optimizer(t.optimizer(), back.optimizer()) ||
      back.batch_size() != t.batch_size() || back.seed() != t.seed())
    broken("save_model/load_model changed the settings:\n" + text);
}

template <typename S>
Matrix<S> any_inputs(FuzzedDataProvider& in, int inputs) {
  const Eigen::Index rows = in.ConsumeIntegralInRange(0, 15) == 0 ? in.ConsumeIntegralInRange(0, 9) : inputs;
  // (The row limit, max_predict_rows, takes tens of megabytes to reach: bad_inputs_test.cpp.)
  const Eigen::Index cols = in.ConsumeIntegralInRange(0, 8);
  Matrix<S> X = Matrix<S>::Zero(rows, cols);
  for (Eigen::Index i = 0; i < std::min<Eigen::Index>(X.size(), 64); ++i)
    X(i) = static_cast<S>(in.ConsumeIntegralInRange(0, 7) == 0 ? any_number(in)
                                                               : in.ConsumeFloatingPointInRange(-3.0, 3.0));
  return X;
}

std::vector<LayerWeights> any_weights(FuzzedDataProvider& in, const ModelSpec& spec) {
  std::vector<LayerWeights> w;
  int inputs = spec.input_dim;
  const std::size_t count = in.ConsumeIntegralInRange(0, 15) == 0 ? in.ConsumeIntegralInRange<std::size_t>(0, 5)
                                                                  : spec.layers.size();
  for (std::size_t l = 0; l < count; ++l) {
    const int units = l < spec.layers.size() ? spec.layers[l].units : 2;
    const bool fits = in.ConsumeIntegralInRange(0, 15) != 0;
    LayerWeights lw{Eigen::MatrixXd(units, fits ? inputs : in.ConsumeIntegralInRange(0, 3)),
                    Eigen::VectorXd::Zero(fits ? units : in.ConsumeIntegralInRange(0, 3))};
    for (Eigen::Index i = 0; i < lw.W.size(); ++i)
      lw.W(i) = in.ConsumeIntegralInRange(0, 15) == 0 ? any_number(in) : in.ConsumeFloatingPointInRange(-1.0, 1.0);
    if (l < spec.layers.size() && spec.layers[l].use_bias)
      for (Eigen::Index i = 0; i < lw.b.size(); ++i) lw.b(i) = in.ConsumeFloatingPointInRange(-1.0, 1.0);
    w.push_back(std::move(lw));
    inputs = units;
  }
  return w;
}

// The calls, by the number the input picks; the names are for messages.
const char* const call_names[] = {
    "set_data", "step_phase", "step_phase", "step_phase", "step_batch", "step_epoch",
    "train_epochs", "set_weight", "set_bias", "set_learning_rate", "set_batch_size", "predict",
    "layer_outputs", "gradient_check", "save_model/load_model", "copy", "set_shuffle", "reset",
    "set_optimizer", "set_weights/evaluate"};
constexpr int call_count = sizeof call_names / sizeof call_names[0];

// Call number `op`, its arguments taken from the input. A save/load round trip costs as much as
// many steps, so an input gets at most `round_trips` of them.
template <typename S>
void call(FuzzedDataProvider& in, Trainer<S>& t, int op, int& round_trips) {
  const ModelSpec& spec = t.network().spec();
  const int depth = t.network().depth();
  const auto layer = [&] { return in.ConsumeIntegralInRange(0, 15) == 0 ? in.ConsumeIntegralInRange(-2, depth + 1)
                                                                        : in.ConsumeIntegralInRange(0, depth - 1); };
  const auto index = [&](int n) { return in.ConsumeIntegralInRange(0, 15) == 0 ? in.ConsumeIntegralInRange(-2, n + 1)
                                                                               : in.ConsumeIntegralInRange(0, std::max(n - 1, 0)); };
  switch (op) {
    case 0: {
      const Dataset train = any_dataset(in, spec.input_dim, t.network().output_dim(), spec.loss);
      const Dataset test = in.ConsumeBool() ? any_dataset(in, spec.input_dim, t.network().output_dim(), spec.loss) : Dataset{};
      t.set_data(train, test);
      // What was accepted as finite must be finite in the trainer's own precision.
      if (!t.train_x().allFinite() || !t.train_y().allFinite() || !t.test_x().allFinite())
        broken("set_data accepted values that are not finite in the trainer's precision");
      return;
    }
    case 1: case 2: case 3: t.step_phase(); return;
    case 4: t.step_batch(); return;
    case 5: t.step_epoch(); return;
    case 6: {
      const long epochs[] = {0, 1, 2, 3, -1, limits::max_epochs_per_call + 1};
      t.train_epochs(epochs[in.ConsumeIntegralInRange<std::size_t>(0, 5)]);
      return;
    }
    case 7: {
      const int l = layer();
      const int units = l >= 0 && l < depth ? spec.layers[l].units : 1;
      const int inputs = l > 0 && l < depth ? spec.layers[l - 1].units : spec.input_dim;
      const int unit = index(units), input = index(inputs);
      t.set_weight(l, unit, input, any_number(in));
      if (!std::isfinite(static_cast<double>(t.layer(l).W(unit, input))))
        broken("set_weight accepted a value that is not finite in the trainer's precision");
      return;
    }
    case 8: {
      const int l = layer();
      const int unit = index(l >= 0 && l < depth ? spec.layers[l].units : 1);
      t.set_bias(l, unit, any_number(in));
      if (!std::isfinite(static_cast<double>(t.layer(l).b(unit))))
        broken("set_bias accepted a value that is not finite in the trainer's precision");
      return;
    }
    case 9: {
      const double rates[] = {0.1, 1e-3, 0.0, -0.5, nan, inf, 1e30, limits::max_learning_rate, 1e-300};
      t.set_learning_rate(in.ConsumeBool() ? rates[in.ConsumeIntegralInRange<std::size_t>(0, 8)] : any_number(in));
      return;
    }
    case 10: {
      const int sizes[] = {0, -3, limits::max_batch_size, limits::max_batch_size + 1,
                           std::numeric_limits<int>::min()};
      t.set_batch_size(in.ConsumeBool() ? in.ConsumeIntegralInRange(1, 30)
                                        : sizes[in.ConsumeIntegralInRange<std::size_t>(0, 4)]);
      return;
    }
    case 11: t.predict(any_inputs<S>(in, spec.input_dim)); return;
    case 12: t.layer_outputs(any_inputs<S>(in, spec.input_dim)); return;
    case 13: check_gradients(in, t); return;
    case 14:
      if (round_trips-- > 0) round_trip(t);
      return;
    case 15: {  // a copy is an independent checkpoint: stepping it leaves the original alone
      Trainer<S> copy = t;
      const Trainer<S> before = t;
      try {
        copy.step_batch();
      } catch (const Error&) {
      }
      if (!same_state(t, before)) broken("stepping a copy changed the original");
      if (in.ConsumeBool()) t = copy;
      return;
    }
    case 16: t.set_shuffle(in.ConsumeBool()); return;
    case 17: t.reset(in.ConsumeIntegral<std::uint32_t>()); return;
    case 18: t.set_optimizer(any_optimizer(in)); return;
    default:
      if (in.ConsumeBool()) t.set_weights(any_weights(in, spec));
      else t.evaluate(any_dataset(in, spec.input_dim, t.network().output_dim(), spec.loss));
  }
}

template <typename S>
void run(FuzzedDataProvider& in) {
  const ModelSpec spec = any_spec(in);
  const std::uint32_t seed = in.ConsumeIntegral<std::uint32_t>();
  Trainer<S> t = [&] {
    try {
      return Trainer<S>(spec, seed);
    } catch (const Error&) {  // a bad spec: go on with the article's model
      return Trainer<S>(article_model(), seed);
    }
  }();
  int round_trips = 2;
  for (int i = 0; i < 64 && in.remaining_bytes() > 0; ++i) {
    const int op = in.ConsumeIntegralInRange(0, call_count - 1);
    const Trainer<S> before = t;
    try {
      call(in, t, op, round_trips);
    } catch (const Error& e) {
      if (!same_state(t, before))
        broken(std::string("a failed ") + call_names[op] + " changed the trainer: " + e.what());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  if (in.ConsumeBool()) run<float>(in);
  else run<double>(in);
  return 0;
}
