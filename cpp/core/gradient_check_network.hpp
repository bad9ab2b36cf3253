#pragma once
// A Network as the subject of a GradientCheckJob (gradient_check_job.hpp): its own copy of the
// network and the batch, backpropagated once, each layer's trained weights (kernel, bias, gamma,
// beta, alpha) as flat views, and the batch loss as the callable, in training mode: Dropout's
// masks are drawn once and then held fixed, BatchNormalization uses the batch's statistics. A trainer's check takes the batch under way, or the one the
// next step would take, drawn by a copy: the trainer itself is never touched.
#include <memory>

#include "core/gradient_check_job.hpp"
#include "core/trainer.hpp"
#include "core/work_limits.hpp"

namespace neurostep {

template <typename S>
CheckSubject<S> check_subject(Network<S> net, Matrix<S> X, Matrix<S> Y) {
  if (!(X.cols() > 0 && X.cols() == Y.cols())) fail_with("gradient_check.empty_batch", "gradient check: needs a non-empty batch", {});
  // Each of its forward passes is one of training's, on the same batch.
  check_training_work(work_shape(net.spec()), static_cast<long>(X.cols()), sizeof(S), "gradient check");
  struct Owner {
    Network<S> net;
    Matrix<S> X, Y;
    // Layers below this one hold the activations of the unperturbed values (the last
    // perturbation was here, and it has been put back since).
    int clean_below = 0;
    Random rng{0};  // draws a Dropout mask the batch does not have yet, once
    ForwardContext training() { return {true, &rng, true}; }
  };
  auto o = std::make_shared<Owner>(Owner{std::move(net), std::move(X), std::move(Y), 0, Random{0}});
  Network<S>& n = o->net;
  // Backpropagation at the current values.
  for (int l = 0; l < n.depth(); ++l) n.forward_layer(l, o->X, o->training());
  n.compute_loss_and_output_gradient(o->Y);
  for (int l = n.depth() - 1; l >= 0; --l) n.backward_layer(l);
  o->clean_below = n.depth();

  CheckSubject<S> subject;
  for (int l = 0; l < n.depth(); ++l)
    for (const ParamRef<S>& p : trained(n.at(l).params())) {
      if (!p.used) continue;  // a Dense layer's bias without use_bias
      ParameterTensor<S> t;
      t.name = p.name;
      t.layer = l;
      t.values = p.value;
      t.rows = static_cast<long>(p.rows);
      t.cols = static_cast<long>(p.cols);
      t.gradient.assign(p.grad, p.grad + p.size());
      subject.tensors.push_back(std::move(t));
    }
  // Only layer `changed` differs from the unperturbed values, so the forward pass starts there,
  // or lower where the last call's perturbation left activations behind.
  subject.loss = [o](int changed) {
    Network<S>& m = o->net;
    for (int l = std::min(changed, o->clean_below); l < m.depth(); ++l) m.forward_layer(l, o->X, o->training());
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
