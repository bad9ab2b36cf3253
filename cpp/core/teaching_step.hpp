#pragma once
// The whole view of one teaching step, read from a Trainer's public API only: the phases of a
// batch in the order the trainer runs them, how many are done, which of each layer's values they
// have computed so far, and f'(z), the slope the backward pass multiplies by. Teach mode shows
// these; it never works out the phase order or a derivative itself.
#include <limits>
#include <vector>

#include "core/activation.hpp"
#include "core/trainer.hpp"

namespace neurostep {

// What the phases done so far have computed for one layer.
struct LayerProgress {
  bool forward = false;   // a_prev, z, a (and f'(z))
  bool backward = false;  // dA, dZ, dW, db, dA_prev
  bool update = false;    // delta_W, delta_b and the optimizer's step scalars
};

struct StepProgress {
  std::vector<Phase> phases;  // every phase of a batch, in the trainer's order
  int done = 0;               // phases of the current batch done
  bool loss = false;          // the loss phase is among them
  std::vector<LayerProgress> layers;
};

// The phase order is the trainer's own: a copy runs to the start of a batch and then through
// one whole batch, and each phase it ran is noted. (The copy holds the teaching step's few
// rows, so this costs one small batch; the trainer itself is untouched.)
template <typename S>
std::vector<Phase> batch_phases(const Trainer<S>& t) {
  Trainer<S> copy = t;
  while (copy.phase_index() != 0) copy.step_phase();
  std::vector<Phase> phases;
  for (int p = 0; p < copy.phases_per_batch(); ++p) {
    copy.step_phase();
    phases.push_back(copy.last_phase());
  }
  return phases;
}

// `done` phases of the batch: the trainer's phase_index(), or the whole batch when the trainer has
// just finished one (its phase_index() is 0 again then, and a trainer cannot tell "none yet" from
// "all": the caller, who stepped it, says which).
template <typename S>
StepProgress step_progress(const Trainer<S>& t, int done) {
  StepProgress out;
  out.phases = batch_phases(t);
  const int total = static_cast<int>(out.phases.size());
  const bool finished = done == total && t.phase_index() == 0 && t.last_phase().kind == out.phases.back().kind &&
                        t.last_phase().layer == out.phases.back().layer;
  require(done == t.phase_index() || finished, "the trainer has done ", t.phase_index(), " of the ",
          total, " phases of its batch, not ", done);
  out.done = done;
  out.layers.resize(static_cast<std::size_t>(t.network().depth()));
  for (int p = 0; p < out.done; ++p) {
    const Phase& ph = out.phases[static_cast<std::size_t>(p)];
    if (ph.kind == PhaseKind::loss) {
      out.loss = true;
      continue;
    }
    LayerProgress& l = out.layers[static_cast<std::size_t>(ph.layer)];
    if (ph.kind == PhaseKind::forward) l.forward = true;
    if (ph.kind == PhaseKind::backward) l.backward = true;
    if (ph.kind == PhaseKind::update) l.update = true;
  }
  return out;
}

// f'(z) of each unit and sample (units x batch), by the same activation_backward the backward
// pass runs, with dL/da = 1: dL/dz = 1 * f'(z). Softmax and log_softmax have no elementwise
// derivative (their Jacobians couple the units): NaN.
template <typename S>
Matrix<S> activation_slope(Activation f, const Matrix<S>& Z, const Matrix<S>& A) {
  if (is_per_sample(f))
    return Matrix<S>::Constant(Z.rows(), Z.cols(), std::numeric_limits<S>::quiet_NaN());
  const Matrix<S> ones = Matrix<S>::Ones(Z.rows(), Z.cols());
  Matrix<S> slope;
  activation_backward(f, Z, A, ones, slope);
  return slope;
}

// The terms of z = W a_prev + b for sample s of the batch: T(j, i) = W(j, i) * a_prev(i, s), in
// the layer's precision, each the product that the forward kernel adds to z_j (kernels.hpp sums
// them over i ascending, after b). Teach mode shows a pixel's term from here and ranks a long
// sum's terms by it.
template <typename S>
Matrix<S> forward_terms(const DenseLayer<S>& L, int s) {
  if (!(s >= 0 && s < L.a_prev.cols()))
    fail_with("teaching.no_sample", "sample {sample} is not in the layer's last batch of {count} (run its forward phase first)",
              {arg("sample", s), arg("count", static_cast<long>(L.a_prev.cols()))});
  return (L.W.array().rowwise() * L.a_prev.col(s).transpose().array()).matrix();
}

}  // namespace neurostep
