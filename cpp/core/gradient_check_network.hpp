#pragma once
// A Network as the subject of a GradientCheckJob (gradient_check_job.hpp): its own copy of the
// network and the batch, backpropagated once, each layer's kernel and bias as flat views, and
// the batch loss as the callable. A trainer's check takes the batch under way, or the one the
// next step would take, drawn by a copy: the trainer itself is never touched.
#include <memory>

#include "core/gradient_check_job.hpp"
#include "core/trainer.hpp"
#include "core/work_limits.hpp"

namespace neurostep {

template <typename S>
CheckSubject<S> check_subject(Network<S> net, Matrix<S> X, Matrix<S> Y) {
  require(X.cols() > 0 && X.cols() == Y.cols(), "gradient check: needs a non-empty batch");
  // Each of its forward passes is one of training's, on the same batch.
  check_training_work(work_shape(net.spec()), static_cast<long>(X.cols()), sizeof(S), "gradient check");
  struct Owner {
    Network<S> net;
    Matrix<S> X, Y;
    // Layers below this one hold the activations of the unperturbed values (the last
    // perturbation was here, and it has been put back since).
    int clean_below = 0;
  };
  auto o = std::make_shared<Owner>(Owner{std::move(net), std::move(X), std::move(Y), 0});
  Network<S>& n = o->net;
  // Backpropagation at the current values.
  for (int l = 0; l < n.depth(); ++l) n.forward_layer(l, o->X);
  n.compute_loss_and_output_gradient(o->Y);
  for (int l = n.depth() - 1; l >= 0; --l) n.backward_layer(l);
  o->clean_below = n.depth();

  CheckSubject<S> subject;
  const auto view = [](const char* name, int layer, auto& values, const auto& gradient) {
    ParameterTensor<S> t;
    t.name = name;
    t.layer = layer;
    t.values = values.data();
    t.rows = static_cast<long>(values.rows());
    t.cols = static_cast<long>(values.cols());
    t.gradient.assign(gradient.data(), gradient.data() + gradient.size());
    return t;
  };
  for (int l = 0; l < n.depth(); ++l) {
    DenseLayer<S>& L = n.layer(l);
    subject.tensors.push_back(view("kernel", l, L.W, L.dW));
    if (L.config.use_bias) subject.tensors.push_back(view("bias", l, L.b, L.db));
  }
  // Only layer `changed` differs from the unperturbed values, so the forward pass starts there,
  // or lower where the last call's perturbation left activations behind.
  subject.loss = [o](int changed) {
    Network<S>& m = o->net;
    for (int l = std::min(changed, o->clean_below); l < m.depth(); ++l) m.forward_layer(l, o->X);
    o->clean_below = changed;
    return static_cast<double>(m.compute_loss_and_output_gradient(o->Y).batch_loss);
  };
  return subject;
}

// The check of a trainer's batch: the one under way, or between batches the one the next step
// would take (drawn by a copy, so that the trainer's cursor and shuffle stay as they are).
template <typename S>
GradientCheckJob<S> gradient_check_job(const Trainer<S>& t, const GradientCheckOptions& options = {}) {
  if (t.phase_index() > 0) return GradientCheckJob<S>(check_subject(t.network(), t.batch_x(), t.batch_y()), options);
  Trainer<S> next = t;
  next.step_phase();
  return GradientCheckJob<S>(check_subject(next.network(), next.batch_x(), next.batch_y()), options);
}

}  // namespace neurostep
