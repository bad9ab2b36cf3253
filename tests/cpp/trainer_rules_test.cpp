// Rules the bindings used to keep of their own, now the core's: which batch a trainer's
// gradient check takes (gradient_check.hpp), and the epochs a loaded model was trained for
// (Trainer::epochs_trained, written back by save_model).
#include <catch2/catch.hpp>

#include "core/gradient_check.hpp"
#include "core/model_file.hpp"
#include "fixtures.hpp"

using namespace neurostep;
using namespace neurostep::test;

TEST_CASE("a trainer's gradient check takes the batch under way, else the next one, and touches nothing", "[gradient_check]") {
  Trainer<double> t(xor_model(), 3);
  t.set_data(xor_data(), Dataset{});
  t.set_batch_size(2);
  // Between batches: the batch the next step draws, checked on a copy.
  Trainer<double> next = t;
  next.step_phase();
  const auto between = gradient_check(t);
  CHECK(t.phase_index() == 0);
  const auto expected = gradient_check(next.network(), next.batch_x(), next.batch_y());
  REQUIRE(between.size() == expected.size());
  for (std::size_t l = 0; l < between.size(); ++l) CHECK(between[l].backprop_dW == expected[l].backprop_dW);
  // During a batch: that batch, as the trainer has it.
  t.step_phase();
  const auto during = gradient_check(t);
  CHECK(t.phase_index() == 1);
  for (std::size_t l = 0; l < during.size(); ++l) {
    CHECK(during[l].backprop_dW == expected[l].backprop_dW);
    CHECK(during[l].max_relative_error < 1e-6);
  }
}

TEST_CASE("a loaded model counts the epochs it was trained for, and reset forgets them", "[model_io]") {
  Trainer<float> t(xor_model(), 3);
  t.set_data(xor_data(), Dataset{});
  t.train_epochs(5);
  CHECK(t.epochs_trained() == 5);
  Trainer<float> u = make_trainer<float>(load_model(save_model(t)));
  CHECK(u.epoch() == 0);
  CHECK(u.epochs_trained() == 5);
  u.set_data(xor_data(), Dataset{});
  u.train_epochs(2);
  CHECK(load_model(save_model(u)).epochs_trained == 7);
  u.reset(3);
  CHECK(u.epochs_trained() == 0);
  REQUIRE_THROWS_WITH(u.set_epochs_before(-1), "epochs trained before must be in [0, 2000000000], got -1");
}
