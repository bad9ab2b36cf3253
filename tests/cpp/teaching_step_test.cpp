// The teaching step's view (core/teaching_step.hpp): the phase list is the trainer's own order,
// the progress flags follow the phases done, and f'(z) is the slope of the activation.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/teaching_step.hpp"
#include "fixtures.hpp"

using namespace neurostep;

TEST_CASE("a batch's phases are forward, loss, backward from the top, update from the bottom", "[teaching]") {
  Trainer<double> t(test::xor_model(), 7);
  t.set_data(test::xor_data(), Dataset{});
  t.set_batch_size(4);
  const auto phases = batch_phases(t);
  REQUIRE(phases.size() == 7u);
  const PhaseKind kinds[] = {PhaseKind::forward, PhaseKind::forward, PhaseKind::loss, PhaseKind::backward,
                             PhaseKind::backward, PhaseKind::update, PhaseKind::update};
  const int layers[] = {0, 1, -1, 1, 0, 0, 1};
  for (std::size_t p = 0; p < phases.size(); ++p) {
    CHECK(phases[p].kind == kinds[p]);
    CHECK(phases[p].layer == layers[p]);
  }
  CHECK(t.phase_index() == 0);  // the trainer itself did not move
  CHECK(t.iterations() == 0);

  for (int p = 0; p < 4; ++p) t.step_phase();  // forward 0, forward 1, loss, backward 1
  const StepProgress s = step_progress(t, 4);
  CHECK(s.done == 4);
  CHECK(s.loss);
  CHECK((s.layers[0].forward && !s.layers[0].backward && !s.layers[0].update));
  CHECK((s.layers[1].forward && s.layers[1].backward && !s.layers[1].update));
  CHECK(step_progress(t, 4).phases.size() == phases.size());  // also from the middle of a batch
  CHECK_THROWS_WITH(step_progress(t, 5), Catch::Contains("has done 4 of the 7 phases"));
  for (int p = 4; p < 7; ++p) t.step_phase();
  const StepProgress end = step_progress(t, 7);  // phase_index() is 0 again: the caller says 7
  CHECK((end.layers[0].update && end.layers[1].update));
  CHECK(step_progress(t, 0).done == 0);  // or the start of the next batch
}

TEST_CASE("f'(z) is the activation's slope, and NaN for softmax", "[teaching]") {
  const Activation all[] = {Activation::linear, Activation::relu, Activation::leaky_relu, Activation::elu,
                            Activation::sigmoid, Activation::tanh, Activation::softplus};
  Matrix<double> Z(3, 1);
  Z << -0.7, 0.4, 1.3;
  for (Activation f : all) {
    INFO(name_of(f));
    Matrix<double> A, up, down;
    activate(f, Z, A);
    const Matrix<double> slope = activation_slope(f, Z, A);
    const double h = 1e-6;
    activate(f, Matrix<double>(Z.array() + h), up);
    activate(f, Matrix<double>(Z.array() - h), down);
    for (int i = 0; i < 3; ++i) CHECK(slope(i, 0) == Approx((up(i, 0) - down(i, 0)) / (2 * h)).epsilon(1e-6));
  }
  Matrix<double> A;
  activate(Activation::softmax, Z, A);
  CHECK(std::isnan(activation_slope(Activation::softmax, Z, A)(0, 0)));
}
