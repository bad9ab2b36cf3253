#pragma once
// Keras's Dropout(rate): in training each input is kept with probability q = 1 - rate and
// scaled by 1/q, or set to 0, so that its expected value is unchanged:
//   a = m (elementwise) a_prev / q,   m_ij ~ Bernoulli(q), drawn anew for every batch;
// at inference it is the identity. (Keras 3 divides by q as here; at rate 0 it draws nothing.)
// The mask is drawn from the trainer's seeded stream, one uniform u per value, column by column,
// kept when u < q: the same seed draws the same masks natively and in WebAssembly.
#include <vector>

#include "core/layer_config.hpp"
#include "core/layers/layer_parts.hpp"

namespace neurostep {

template <typename S>
struct DropoutLayer {
  LayerConfig config;
  int width = 0;

  // Forward pass
  Matrix<S> a_prev;  // inputs x batch
  Matrix<S> mask;    // m: 1 where the value was kept, 0 where dropped (all 1 at inference)
  Matrix<S> a;       // m a_prev / q
  bool dropped = false;  // whether the last forward pass dropped (training, rate > 0)
  // Backward pass
  Matrix<S> dA;       // dL/da
  Matrix<S> dA_prev;  // dL/da_prev = m dL/da / q

  DropoutLayer(const LayerConfig& c, int inputs) : config(c), width(inputs) {}

  int units() const { return width; }
  int inputs() const { return width; }
  Activation activation() const { return Activation::linear; }
  S keep_probability() const { return S(1) - S(config.rate); }
  void initialize(Random&) {}

  void forward(const Matrix<S>& input, const ForwardContext& ctx) {
    a_prev = input;
    const bool drops = dropped = ctx.training && config.rate > 0;
    const bool reuse = ctx.keep_masks && mask.rows() == input.rows() && mask.cols() == input.cols();
    if (!drops) mask.setOnes(input.rows(), input.cols());
    else if (!reuse) {
      require(ctx.rng != nullptr, "Dropout needs a random stream to draw its mask from");
      const double q = 1.0 - config.rate;
      mask.resize(input.rows(), input.cols());
      for (Eigen::Index i = 0; i < mask.size(); ++i) mask(i) = ctx.rng->uniform() < q ? S(1) : S(0);
    }
    if (!drops) a = input;
    else a = (mask.array() > S(0)).select(input.array() / keep_probability(), S(0)).matrix();
  }

  void infer(const Matrix<S>& input, Matrix<S>& out, Matrix<S>* z_out) const {
    out = input;  // the identity at inference
    if (z_out) *z_out = out;
  }

  S penalty() const { return 0; }

  // a = m a_prev / q, so da/da_prev = m / q (0 where dropped): the same mask, on the way back.
  void backward(bool) {
    if (!dropped) {
      dA_prev = dA;  // an inference-mode forward pass, or rate 0: the identity
      return;
    }
    dA_prev = (mask.array() > S(0)).select(dA.array() / keep_probability(), S(0)).matrix();
  }

  std::vector<ParamRef<S>> params() { return {}; }
  std::vector<ParamRef<const S>> params() const { return {}; }
  std::vector<Inspected<S>> inspect() const {
    return {inspected<S>("a_prev", a_prev), inspected<S>("mask", mask), inspected<S>("a", a),
            inspected<S>("dA", dA), inspected<S>("dA_prev", dA_prev)};
  }
};

}  // namespace neurostep
