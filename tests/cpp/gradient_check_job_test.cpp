// The bounded gradient check (gradient_check_job.hpp): exact on small networks, where it equals
// gradient_check.hpp bit for bit; a stated sample on large ones, within its budget; resumable in
// slices; and a trainer it checks (or a cancelled check) is left exactly as it was.
#include <catch2/catch.hpp>

#include <cstring>
#include <set>

#include "core/gradient_check.hpp"
#include "core/gradient_check_network.hpp"
#include "core/model_file.hpp"
#include "fixtures.hpp"

using namespace neurostep;

namespace {

ModelSpec dense_spec(int inputs, std::vector<int> units, Activation hidden, Activation out, Loss loss) {
  ModelSpec spec;
  spec.input_dim = inputs;
  for (std::size_t i = 0; i < units.size(); ++i) {
    LayerConfig c;
    c.units = units[i];
    c.activation = i + 1 == units.size() ? out : hidden;
    spec.layers.push_back(c);
  }
  spec.loss = loss;
  return spec;
}

// Random inputs in [-1, 1] and one-hot targets of `classes` classes (0/1 targets for one unit).
void random_batch(int inputs, int classes, int batch, Random& rng, Matrix<double>& X, Matrix<double>& Y) {
  X.resize(inputs, batch);
  for (Eigen::Index i = 0; i < X.size(); ++i) X(i) = rng.uniform(-1, 1);
  Y.setZero(classes, batch);
  for (int j = 0; j < batch; ++j)
    if (classes == 1) Y(0, j) = rng.below(2);
    else Y(rng.below(static_cast<std::uint32_t>(classes)), j) = 1;
}

Network<double> initialized(const ModelSpec& spec, Random& rng) {
  Network<double> net(spec);
  net.initialize(rng);
  for (int l = 0; l < net.depth(); ++l)
    if (net.layer(l).config.use_bias)
      for (Eigen::Index i = 0; i < net.layer(l).b.size(); ++i) net.layer(l).b(i) = rng.uniform(-0.3, 0.3);
  return net;
}

bool same_bits(const void* a, const void* b, std::size_t n) { return n == 0 || std::memcmp(a, b, n) == 0; }

template <typename M>
bool same_matrix(const M& a, const M& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         same_bits(a.data(), b.data(), sizeof(typename M::Scalar) * static_cast<std::size_t>(a.size()));
}

// Everything of a trainer, bit for bit: its model file (weights, optimizer state, settings), the
// cursor, the batch and the data; then one more batch on each, which also compares the
// generators that draw the shuffles.
template <typename S>
void require_same_trainer(Trainer<S> a, Trainer<S> b) {
  REQUIRE(save_model(a) == save_model(b));
  REQUIRE(a.phase_index() == b.phase_index());
  REQUIRE(a.batch_indices() == b.batch_indices());
  REQUIRE(same_matrix(a.batch_x(), b.batch_x()));
  REQUIRE(same_matrix(a.train_x(), b.train_x()));
  for (int l = 0; l < a.network().depth(); ++l) {
    REQUIRE(same_matrix(a.layer(l).W, b.layer(l).W));
    REQUIRE(same_matrix(a.layer(l).dW, b.layer(l).dW));
  }
  for (int k = 0; k < 3; ++k) {
    a.step_batch();
    b.step_batch();
  }
  for (int l = 0; l < a.network().depth(); ++l) REQUIRE(same_matrix(a.layer(l).W, b.layer(l).W));
}

GradientCheckReport run_to_end(GradientCheckJob<double>& job, long slice) {
  while (!job.run_for(slice).finished()) {
  }
  return job.report();
}

}  // namespace

TEST_CASE("within its budget the job is today's exact check, bit for bit", "[gradient][job]") {
  struct Case { ModelSpec spec; int classes; };
  std::vector<Case> cases = {
      {dense_spec(3, {4, 5, 3}, Activation::tanh, Activation::softmax, Loss::categorical_crossentropy), 3},
      {dense_spec(2, {6, 1}, Activation::elu, Activation::sigmoid, Loss::binary_crossentropy), 1},
      {dense_spec(4, {3, 3, 2}, Activation::softplus, Activation::linear, Loss::mean_squared_error), 2},
  };
  cases[0].spec.layers[1].use_bias = false;
  cases[0].spec.layers[0].l1 = 0.01;
  cases[2].spec.layers[1].l2 = 0.05;
  for (std::size_t c = 0; c < cases.size(); ++c) {
    INFO("case " << c);
    Random rng(7 + static_cast<std::uint32_t>(c));
    const Network<double> net = initialized(cases[c].spec, rng);
    Matrix<double> X, Y;
    random_batch(cases[c].spec.input_dim, cases[c].classes, 5, rng, X, Y);
    const std::vector<LayerGradientCheck> today = gradient_check(net, X, Y);

    GradientCheckJob<double> job(check_subject(net, X, Y), {});
    const GradientCheckReport r = run_to_end(job, 7);  // slices of 7 passes: 1 weight at a time
    REQUIRE(r.exact);
    REQUIRE(r.directions.empty());
    REQUIRE(r.forward_passes == 4 * r.parameters);
    long expected = 0;
    for (const auto& t : r.tensors) {
      REQUIRE(t.checked == t.size);
      expected += t.size;
    }
    REQUIRE(static_cast<long>(r.entries.size()) == expected);
    double worst = 0;
    for (const EntryCheck& e : r.entries) {
      const TensorCheckSummary& t = r.tensors[static_cast<std::size_t>(e.tensor)];
      const LayerGradientCheck& old = today[static_cast<std::size_t>(t.layer)];
      const bool kernel = t.name == "kernel";
      const double bp = kernel ? old.backprop_dW(e.index) : old.backprop_db(e.index);
      const double num = kernel ? old.numeric_dW(e.index) : old.numeric_db(e.index);
      REQUIRE(same_bits(&bp, &e.backprop, sizeof bp));
      REQUIRE(same_bits(&num, &e.numeric, sizeof num));
      worst = std::max(worst, e.relative_error);
    }
    double old_worst = 0;
    for (const auto& l : today) old_worst = std::max(old_worst, l.max_relative_error);
    REQUIRE(worst == old_worst);
    REQUIRE(r.max_relative_error == old_worst);
    CHECK(worst <= 1e-6);
  }
}

TEST_CASE("784-64-10 is checked within its budget, and the report says what was checked", "[gradient][job]") {
  const ModelSpec spec = dense_spec(784, {64, 10}, Activation::tanh, Activation::softmax, Loss::categorical_crossentropy);
  Random rng(3);
  const Network<double> net = initialized(spec, rng);
  Matrix<double> X, Y;
  random_batch(784, 10, 32, rng, X, Y);
  GradientCheckOptions options;  // the default budget
  GradientCheckJob<double> job(check_subject(net, X, Y), options);
  const JobProgress first = job.run_for(100);
  REQUIRE(first.done == 100);  // 25 weights
  REQUIRE_FALSE(first.finished());
  const GradientCheckReport r = run_to_end(job, 500);

  REQUIRE_FALSE(r.exact);
  REQUIRE(r.parameters == 784 * 64 + 64 + 64 * 10 + 10);
  REQUIRE(r.forward_passes <= options.budget);
  REQUIRE(r.forward_passes == 4 * static_cast<long>(r.entries.size()) + 2 * static_cast<long>(r.directions.size()));
  REQUIRE(r.layers.size() == 2);
  for (const LayerCheckSummary& l : r.layers) {
    INFO("layer " << l.layer);
    REQUIRE(l.directions == options.directions_per_layer);
    REQUIRE(l.checked == l.largest + l.random);
    REQUIRE(l.largest == (l.checked + 1) / 2);
    REQUIRE(l.checked < l.parameters);
    CHECK(l.max_entry_error <= 1e-6);
    CHECK(l.max_direction_error <= 1e-6);
  }
  // The weights are shared out evenly (both layers are larger than their share).
  REQUIRE(std::abs(r.layers[0].checked - r.layers[1].checked) <= 1);
  // The "largest" entries are the largest |gradient|s of their layer: none left out is larger.
  std::set<std::pair<int, long>> checked;
  for (const EntryCheck& e : r.entries) checked.insert({e.tensor, e.index});
  const CheckSubject<double> again = check_subject(net, X, Y);
  for (int layer = 0; layer < 2; ++layer) {
    double smallest_largest = INFINITY, largest_left = 0;
    for (const EntryCheck& e : r.entries)
      if (e.largest && r.tensors[static_cast<std::size_t>(e.tensor)].layer == layer)
        smallest_largest = std::min(smallest_largest, std::fabs(e.backprop));
    for (int t = 0; t < static_cast<int>(again.tensors.size()); ++t)
      if (again.tensors[static_cast<std::size_t>(t)].layer == layer)
        for (long i = 0; i < again.tensors[static_cast<std::size_t>(t)].size(); ++i)
          if (!checked.count({t, i})) largest_left = std::max(largest_left, std::fabs(again.tensors[static_cast<std::size_t>(t)].gradient[static_cast<std::size_t>(i)]));
    INFO("layer " << layer);
    REQUIRE(smallest_largest >= largest_left);
  }
  // The same seed checks the same sample with the same numbers.
  GradientCheckJob<double> twin(check_subject(net, X, Y), options);
  const GradientCheckReport r2 = run_to_end(twin, options.budget);
  REQUIRE(r2.entries.size() == r.entries.size());
  for (std::size_t k = 0; k < r.entries.size(); ++k) {
    REQUIRE(r2.entries[k].index == r.entries[k].index);
    REQUIRE(r2.entries[k].numeric == r.entries[k].numeric);
  }
  for (std::size_t k = 0; k < r.directions.size(); ++k) REQUIRE(r2.directions[k].numeric == r.directions[k].numeric);
}

TEST_CASE("a wrong gradient the sample misses is caught by the directions", "[gradient][job]") {
  const ModelSpec spec = dense_spec(200, {30, 3}, Activation::tanh, Activation::softmax, Loss::categorical_crossentropy);
  Random rng(5);
  const Network<double> net = initialized(spec, rng);
  Matrix<double> X, Y;
  random_batch(200, 3, 8, rng, X, Y);
  CheckSubject<double> subject = check_subject(net, X, Y);
  // A "backpropagation bug" in one first-layer weight of small gradient: 10 times too large.
  std::vector<double>& g = subject.tensors[0].gradient;
  long smallest = 0;
  for (long i = 1; i < static_cast<long>(g.size()); ++i)
    if (std::fabs(g[static_cast<std::size_t>(i)]) < std::fabs(g[static_cast<std::size_t>(smallest)]) &&
        std::fabs(g[static_cast<std::size_t>(i)]) > 1e-3)
      smallest = i;
  g[static_cast<std::size_t>(smallest)] *= 10;
  GradientCheckOptions options;
  options.budget = 400;
  GradientCheckJob<double> job(std::move(subject), options);
  const GradientCheckReport r = run_to_end(job, options.budget);
  REQUIRE_FALSE(r.exact);
  for (const EntryCheck& e : r.entries) REQUIRE_FALSE((e.tensor == 0 && e.index == smallest));  // not sampled
  CHECK(r.layers[0].max_entry_error <= 1e-6);
  CHECK(r.layers[0].max_direction_error > 1e-4);  // found anyway
  CHECK(r.layers[1].max_direction_error <= 1e-6);
}

TEST_CASE("a gradient check, finished or cancelled, leaves the trainer exactly as it was", "[gradient][job]") {
  for (int phases : {0, 2, 4}) {  // between batches, mid-forward, mid-backward
    INFO("after " << phases << " phases");
    Trainer<float> t(test::xor_model(5), 9);
    t.set_data(test::xor_data(), Dataset{});
    t.set_batch_size(3);
    t.step_batch();
    for (int p = 0; p < phases; ++p) t.step_phase();
    const Trainer<float> before = t;
    {
      GradientCheckJob<float> cancelled = gradient_check_job(t, {});
      cancelled.run_for(8);
      REQUIRE_FALSE(cancelled.progress().finished());
    }  // dropped half way: a cancel
    require_same_trainer(t, before);
    GradientCheckJob<float> finished = gradient_check_job(t, {});
    finished.run_for(GradientCheckJob<float>::max_budget);
    REQUIRE(finished.progress().finished());
    REQUIRE(finished.report().exact);
    require_same_trainer(t, before);
  }
}

TEST_CASE("the job puts every value back bit for bit, through any subject", "[gradient][job]") {
  // L(w) = sum_i c_i w_i^3 over two "layers": dL/dw_i = 3 c_i w_i^2.
  std::vector<double> a = {0.1, -0.7, 1.3, 2.0, -0.01}, b = {0.5, 0.25};
  const std::vector<double> a0 = a, b0 = b;
  CheckSubject<double> s;
  const auto tensor = [](const char* name, int layer, std::vector<double>& v) {
    ParameterTensor<double> t;
    t.name = name;
    t.layer = layer;
    t.values = v.data();
    t.rows = static_cast<long>(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) t.gradient.push_back(3 * (i + 1.0) * v[i] * v[i]);
    return t;
  };
  s.tensors = {tensor("kernel", 0, a), tensor("kernel", 1, b)};
  s.loss = [&](int) {
    double L = 0;
    for (std::size_t i = 0; i < a.size(); ++i) L += (i + 1.0) * a[i] * a[i] * a[i];
    for (std::size_t i = 0; i < b.size(); ++i) L += (i + 1.0) * b[i] * b[i] * b[i];
    return L;
  };
  for (long budget : {28L, 12L}) {  // exact (7 weights x 4), then sampled
    INFO("budget " << budget);
    GradientCheckOptions options;
    options.budget = budget;
    options.directions_per_layer = 1;
    GradientCheckJob<double> job(s, options);
    while (!job.run_for(1).finished()) REQUIRE((a == a0 && b == b0));
    REQUIRE((a == a0 && b == b0));
    REQUIRE(job.report().exact == (budget == 28));
    CHECK(job.report().max_relative_error <= 1e-8);
  }
}

TEST_CASE("a gradient check refuses a budget it cannot keep", "[gradient][job]") {
  const ModelSpec spec = dense_spec(3, {4, 4, 2}, Activation::tanh, Activation::linear, Loss::mean_squared_error);
  Random rng(1);
  const Network<double> net = initialized(spec, rng);
  Matrix<double> X, Y;
  random_batch(3, 2, 4, rng, X, Y);
  GradientCheckOptions options;
  options.budget = 17;
  REQUIRE_THROWS_WITH(GradientCheckJob<double>(check_subject(net, X, Y), options),
                      "gradient check: a budget of 17 forward passes is outside [18, 1000000] for 3 layers "
                      "(at least one weight and one direction per layer)");
  REQUIRE_THROWS_WITH(check_subject(net, X, Matrix<double>()), "gradient check: needs a non-empty batch");
}

TEST_CASE("a gradient check whose forward pass is too large for one call says what to reduce", "[gradient][job][limits]") {
  // 4096 -> 1024 -> 2: 4.2 M multiply-adds per row, so one pass of 239 rows is past the limit.
  const ModelSpec spec = dense_spec(4096, {1024, 2}, Activation::tanh, Activation::softmax, Loss::categorical_crossentropy);
  const Network<float> net(spec);
  const Matrix<float> X = Matrix<float>::Zero(4096, 239), Y = Matrix<float>::Zero(2, 239);
  REQUIRE_THROWS_WITH(check_subject(net, X, Y),
                      "gradient check: one pass of 239 rows through this network is 1002928128 multiply-adds, more "
                      "than the limit of 1000000000 that keeps a step under a few seconds; use a batch size of at "
                      "most 238, or fewer or narrower layers");
}

TEST_CASE("a layer smaller than its share is checked whole, and counted neither largest nor random", "[gradient][job]") {
  const ModelSpec spec = dense_spec(30, {20, 2}, Activation::tanh, Activation::softmax, Loss::categorical_crossentropy);
  Random rng(8);
  const Network<double> net = initialized(spec, rng);
  Matrix<double> X, Y;
  random_batch(30, 2, 4, rng, X, Y);
  GradientCheckOptions options;
  options.budget = 1000;  // 8 directions x 2 layers x 2 passes, then (1000 - 32) / 4 = 242 weights
  GradientCheckJob<double> job(check_subject(net, X, Y), options);
  const GradientCheckReport r = run_to_end(job, options.budget);
  REQUIRE_FALSE(r.exact);
  REQUIRE(r.layers[1].checked == r.layers[1].parameters);
  REQUIRE(r.layers[1].parameters == 42);
  REQUIRE((r.layers[1].largest == 0 && r.layers[1].random == 0));
  REQUIRE(r.layers[0].checked == 242 - 42);
  REQUIRE(r.layers[0].largest + r.layers[0].random == r.layers[0].checked);
  REQUIRE(r.layers[1].directions == 8);
}
