#pragma once
// A sequential network of dense layers and its loss. It knows nothing of batches, epochs or
// optimizers: the Trainer drives it one phase at a time.
#include <vector>

#include "core/dense_layer.hpp"
#include "core/loss.hpp"
#include "core/model_spec.hpp"
#include "core/random.hpp"

namespace neurostep {

// Weights in double, the orientation the core uses: W is units x inputs.
struct LayerWeights {
  Eigen::MatrixXd W;
  Eigen::VectorXd b;
};

template <typename S>
class Network {
 public:
  explicit Network(const ModelSpec& spec) : spec_(spec) {
    validate(spec_);
    int inputs = spec_.input_dim;
    for (const auto& c : spec_.layers) {
      layers_.emplace_back(c, inputs);
      inputs = c.units;
    }
  }

  const ModelSpec& spec() const { return spec_; }
  int input_dim() const { return spec_.input_dim; }
  int output_dim() const { return spec_.layers.back().units; }
  int depth() const { return static_cast<int>(layers_.size()); }
  Loss loss() const { return spec_.loss; }
  Activation output_activation() const { return spec_.layers.back().activation; }
  DenseLayer<S>& layer(int l) { return layers_.at(static_cast<std::size_t>(l)); }
  const DenseLayer<S>& layer(int l) const { return layers_.at(static_cast<std::size_t>(l)); }

  void initialize(Random& rng) {
    for (auto& l : layers_) l.initialize(rng);
  }

  // Forward through layer l, from the layer below (or the input batch X for l = 0).
  void forward_layer(int l, const Matrix<S>& X) {
    layer(l).forward(l == 0 ? X : layer(l - 1).a);
  }

  // The loss of the output layer's activations against Y; fills the output layer's dA (and dZ
  // when the loss combines with the activation).
  const LossResult<S>& compute_loss_and_output_gradient(const Matrix<S>& Y) {
    DenseLayer<S>& out = layers_.back();
    compute_loss(spec_.loss, out.config.activation, out.z, out.a, Y, loss_);
    loss_.batch_loss += penalty();
    out.dA = loss_.dA;
    if (loss_.dz_from_logits) out.dZ = loss_.dZ;
    return loss_;
  }
  const LossResult<S>& last_loss() const { return loss_; }

  // Backward through layer l; dA of layer l comes from layer l + 1 (or the loss). dL/dx, the
  // first layer's dA_prev, only when input_gradient is true.
  void backward_layer(int l, bool input_gradient = true) {
    const bool is_output = l == depth() - 1;
    if (!is_output) layer(l).dA = layer(l + 1).dA_prev;
    layer(l).backward(is_output && loss_.dz_from_logits, l > 0 || input_gradient);
  }

  // Sum of all layers' regularisation terms.
  S penalty() const {
    S p = 0;
    for (const auto& l : layers_) p += l.penalty();
    return p;
  }

  // Outputs for a batch of inputs without touching the layers' inspection state; the output
  // layer's pre-activations go to *z_out when asked for (the loss's logit forms need them).
  Matrix<S> predict(const Matrix<S>& X, Matrix<S>* z_out = nullptr) const {
    Matrix<S> a = X, z;
    for (const auto& l : layers_) {
      kernels::affine(l.W, a, l.config.use_bias ? &l.b : nullptr, z);
      activate(l.config.activation, z, a);
    }
    if (z_out) *z_out = std::move(z);
    return a;
  }

  // Every layer's activations for a batch of inputs (what each neuron has learned to respond
  // to: the page draws one heatmap per hidden neuron from these).
  std::vector<Matrix<S>> layer_outputs(const Matrix<S>& X) const {
    std::vector<Matrix<S>> out;
    Matrix<S> z;
    const Matrix<S>* input = &X;
    for (const auto& l : layers_) {
      kernels::affine(l.W, *input, l.config.use_bias ? &l.b : nullptr, z);
      out.emplace_back();
      activate(l.config.activation, z, out.back());
      input = &out.back();
    }
    return out;
  }

  std::vector<LayerWeights> weights() const {
    std::vector<LayerWeights> out;
    for (const auto& l : layers_) out.push_back({l.W.template cast<double>(), l.b.template cast<double>()});
    return out;
  }

  void set_weights(const std::vector<LayerWeights>& w) {
    require(w.size() == layers_.size(), "expected weights for ", layers_.size(), " layers, got ",
            w.size());
    for (std::size_t l = 0; l < w.size(); ++l) {
      const auto& L = layers_[l];
      require(w[l].W.rows() == L.W.rows() && w[l].W.cols() == L.W.cols(), "layer ", l + 1,
              ": kernel must be ", L.W.rows(), " x ", L.W.cols(), " (units x inputs), got ",
              w[l].W.rows(), " x ", w[l].W.cols());
      require(w[l].b.size() == L.b.size(), "layer ", l + 1, ": bias must have ", L.b.size(),
              " values, got ", w[l].b.size());
      require(w[l].W.allFinite() && w[l].b.allFinite(), "layer ", l + 1,
              ": weights must be finite numbers");
      require(w[l].W.cwiseAbs().maxCoeff() <= largest_value<S>() &&
                  w[l].b.cwiseAbs().maxCoeff() <= largest_value<S>(),
              "layer ", l + 1, ": a weight is too large for ", dtype_name<S>(),
              ", whose largest value is ", largest_value<S>());
      require(L.config.use_bias || w[l].b.isZero(0.0), "layer ", l + 1,
              " has no bias (use_bias is false), but nonzero biases were given");
    }
    for (std::size_t l = 0; l < w.size(); ++l) {
      layers_[l].W = w[l].W.cast<S>();
      layers_[l].b = w[l].b.cast<S>();
    }
  }

 private:
  ModelSpec spec_;
  std::vector<DenseLayer<S>> layers_;
  LossResult<S> loss_;
};

}  // namespace neurostep
