#pragma once
// A Sequential network of layers (layer.hpp) and its loss. It knows nothing of batches, epochs
// or optimizers: the Trainer drives it one phase at a time.
#include <vector>

#include "core/layer.hpp"
#include "core/loss.hpp"
#include "core/model_spec.hpp"
#include "core/random.hpp"

namespace neurostep {

// One layer's weights in double. A Dense layer's are W (units x inputs, the core's orientation)
// and b; every other kind's are `vectors`, in Keras's get_weights() order (BatchNormalization:
// gamma, beta, moving_mean, moving_variance; PReLU: alpha). In an optimizer state (one per
// slot) `vectors` holds the slot of each trained weight.
struct LayerWeights {
  LayerWeights() = default;
  LayerWeights(Eigen::MatrixXd W_, Eigen::VectorXd b_, std::vector<Eigen::VectorXd> vectors_ = {})
      : W(std::move(W_)), b(std::move(b_)), vectors(std::move(vectors_)) {}
  Eigen::MatrixXd W;
  Eigen::VectorXd b;
  std::vector<Eigen::VectorXd> vectors;
};

template <typename S>
class Network {
 public:
  explicit Network(const ModelSpec& spec) : spec_(spec) {
    validate(spec_);
    const std::vector<int> widths = layer_widths(spec_);
    for (std::size_t i = 0; i < spec_.layers.size(); ++i) layers_.emplace_back(spec_.layers[i], widths[i]);
  }

  const ModelSpec& spec() const { return spec_; }
  int input_dim() const { return spec_.input_dim; }
  int output_dim() const { return layers_.back().units(); }
  int depth() const { return static_cast<int>(layers_.size()); }
  Loss loss() const { return spec_.loss; }
  Activation output_activation() const { return layers_.back().activation(); }

  // Layer l of any kind.
  Layer<S>& at(int l) { return layers_.at(static_cast<std::size_t>(l)); }
  const Layer<S>& at(int l) const { return layers_.at(static_cast<std::size_t>(l)); }
  // Layer l as a Dense layer (an error if it is another kind).
  DenseLayer<S>& layer(int l) { return dense_at(*this, l); }
  const DenseLayer<S>& layer(int l) const { return dense_at(*this, l); }

  void initialize(Random& rng) {
    for (auto& l : layers_) l.initialize(rng);
  }

  // Forward through layer l, from the layer below (or the input batch X for l = 0).
  void forward_layer(int l, const Matrix<S>& X, const ForwardContext& ctx = {}) {
    at(l).forward(l == 0 ? X : at(l - 1).output(), ctx);
  }

  // The loss of the output layer's activations against Y, regularisation included; fills the
  // output layer's dA (and dZ when the loss combines with the activation).
  const LossResult<S>& compute_loss_and_output_gradient(const Matrix<S>& Y) {
    Layer<S>& out = layers_.back();
    compute_loss(spec_.loss, out.activation(), out.pre_activation(), out.output(), Y, loss_);
    loss_.batch_loss += penalty();
    for (const auto& l : layers_) loss_.batch_loss += activity_penalty(l, l.output());
    out.output_gradient() = loss_.dA;
    if (loss_.dz_from_logits) out.set_output_dz(loss_.dZ);
    return loss_;
  }
  const LossResult<S>& last_loss() const { return loss_; }

  // Backward through layer l; dA of layer l comes from layer l + 1 (or the loss). dL/dx, the
  // first layer's dA_prev, only when input_gradient is true.
  void backward_layer(int l, bool input_gradient = true) {
    const bool is_output = l == depth() - 1;
    Layer<S>& L = at(l);
    if (!is_output) L.output_gradient() = at(l + 1).input_gradient();
    const bool dz_given = is_output && loss_.dz_from_logits;
    const Regularizer& r = L.config().activity_regularizer;
    if (r.active()) {  // d/da (l1 sum|a| + l2 sum a^2) = l1 sign(a) + 2 l2 a, on top of dL/da
      Matrix<S> extra = Matrix<S>::Zero(L.output().rows(), L.output().cols());
      add_penalty_gradient(r, L.output(), extra);
      L.output_gradient() += extra;
      if (dz_given) {  // the loss gave dL/dz: the regularizer's share goes through f'(z)
        Matrix<S> extra_dz;
        activation_backward(L.activation(), L.pre_activation(), L.output(), extra, extra_dz);
        L.add_output_dz(extra_dz);
      }
    }
    L.backward(dz_given, l > 0 || input_gradient);
  }

  // Sum of all layers' weight regularisation terms.
  S penalty() const {
    S p = 0;
    for (const auto& l : layers_) p += l.penalty();
    return p;
  }

  // Outputs for a batch of inputs at inference (Dropout off, BatchNormalization's moving
  // statistics), without touching the layers' inspection state; the output layer's
  // pre-activations go to *z_out and the activity regularizers' terms to *activity when asked.
  Matrix<S> predict(const Matrix<S>& X, Matrix<S>* z_out = nullptr, S* activity = nullptr) const {
    Matrix<S> a = X, next;
    if (activity) *activity = 0;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
      layers_[i].infer(a, next, i + 1 == layers_.size() ? z_out : nullptr);
      std::swap(a, next);
      if (activity) *activity += activity_penalty(layers_[i], a);
    }
    return a;
  }

  // Every layer's outputs at inference for a batch of inputs (what each neuron has learned to
  // respond to: the page draws one heatmap per hidden neuron from these).
  std::vector<Matrix<S>> layer_outputs(const Matrix<S>& X) const {
    std::vector<Matrix<S>> out;
    out.reserve(layers_.size());  // input points into out: no reallocation may move it
    const Matrix<S>* input = &X;
    for (const auto& l : layers_) {
      out.emplace_back();
      l.infer(*input, out.back());
      input = &out.back();
    }
    return out;
  }

  std::vector<LayerWeights> weights() const {
    std::vector<LayerWeights> out;
    for (const auto& l : layers_) {
      LayerWeights w;
      if (const auto* d = l.template as<DenseLayer<S>>()) w = {d->W.template cast<double>(), d->b.template cast<double>(), {}};
      else
        for (const auto& p : l.params()) w.vectors.push_back(p.matrix().col(0).template cast<double>());
      out.push_back(std::move(w));
    }
    return out;
  }

  void set_weights(const std::vector<LayerWeights>& w) {
    if (w.size() != layers_.size())
      fail_with("weights.layer_count", "expected weights for {layers} layers, got {count}", {arg("layers", layers_.size()), arg("count", w.size())});
    for (std::size_t l = 0; l < w.size(); ++l) check_weights(l, w[l]);
    for (std::size_t l = 0; l < w.size(); ++l) {
      if (auto* d = layers_[l].template as<DenseLayer<S>>()) {
        d->W = w[l].W.cast<S>();
        d->b = w[l].b.cast<S>();
        continue;
      }
      const auto params = layers_[l].params();
      for (std::size_t k = 0; k < params.size(); ++k) params[k].matrix() = w[l].vectors[k].cast<S>();
    }
  }

 private:
  template <typename Net>
  static auto& dense_at(Net& net, int l) {
    auto& L = net.at(l);
    auto* d = L.template as<DenseLayer<S>>();
    require(d != nullptr, layer_label(l), " is a ", class_name_of(L.kind()), " layer, not Dense");
    return *d;
  }

  static S activity_penalty(const Layer<S>& l, const Matrix<S>& a) {
    const Regularizer& r = l.config().activity_regularizer;
    return r.active() ? neurostep::penalty(r, a) : S(0);
  }

  static void check_values(const std::string& at, const Eigen::MatrixXd& v, const char* what) {
    if (!v.allFinite()) fail_with("weights.vector_not_finite", "{layer}: {name} must be finite numbers", {arg("layer", at), arg("name", what)});
    if (!(v.size() == 0 || v.cwiseAbs().maxCoeff() <= largest_value<S>()))
      fail_with("weights.vector_too_large", "{layer}: a {name} value is too large for {dtype}, whose largest value is {largest}",
                {arg("layer", at), arg("name", what), arg("dtype", dtype_name<S>()), arg("largest", largest_value<S>())});
  }

  void check_weights(std::size_t l, const LayerWeights& w) const {
    const std::string at = layer_label(static_cast<long>(l));
    if (const auto* L = layers_[l].template as<DenseLayer<S>>()) {
      if (!(w.W.rows() == L->W.rows() && w.W.cols() == L->W.cols()))
        fail_with("weights.kernel_shape", "{layer}: kernel must be {rows} x {cols} (units x inputs), got {got_rows} x {got_cols}",
                  {arg("layer", at), arg("rows", L->W.rows()), arg("cols", L->W.cols()), arg("got_rows", w.W.rows()), arg("got_cols", w.W.cols())});
      if (w.b.size() != L->b.size())
        fail_with("weights.bias_size", "{layer}: bias must have {size} values, got {got}", {arg("layer", at), arg("size", L->b.size()), arg("got", w.b.size())});
      if (!(w.W.allFinite() && w.b.allFinite())) fail_with("weights.not_finite", "{layer}: weights must be finite numbers", {arg("layer", at)});
      if (!(w.W.cwiseAbs().maxCoeff() <= largest_value<S>() && w.b.cwiseAbs().maxCoeff() <= largest_value<S>()))
        fail_with("weights.too_large", "{layer}: a weight is too large for {dtype}, whose largest value is {largest}",
                  {arg("layer", at), arg("dtype", dtype_name<S>()), arg("largest", largest_value<S>())});
      if (!(L->config.use_bias || w.b.isZero(0.0)))
        fail_with("weights.bias_without_bias", "{layer} has no bias (use_bias is false), but nonzero biases were given", {arg("layer", at)});
      return;
    }
    const auto params = layers_[l].params();
    std::vector<std::string> names;
    for (const auto& p : params) names.push_back(p.name);
    if (w.vectors.size() != params.size())
      fail_with("weights.vector_count", "{layer}: a {class} layer has {count} weights{names}, got {got}",
                {arg("layer", at), arg("class", class_name_of(layers_[l].kind())), arg("count", params.size()),
                 arg("names", names.empty() ? "" : " (" + join(names) + ")"), arg("got", w.vectors.size())});
    for (std::size_t k = 0; k < params.size(); ++k) {
      if (w.vectors[k].size() != params[k].size())
        fail_with("weights.vector_size", "{layer}: {name} must have {size} values, got {got}",
                  {arg("layer", at), arg("name", params[k].name), arg("size", params[k].size()), arg("got", w.vectors[k].size())});
      check_values(at, w.vectors[k], params[k].name);
      if (std::string(params[k].name) == "moving_variance")
        if (!(w.vectors[k].array() >= 0).all())
          fail_with("weights.variance_negative", "{layer}: moving_variance must not be negative (it is a variance)", {arg("layer", at)});
    }
  }

  ModelSpec spec_;
  std::vector<Layer<S>> layers_;
  LossResult<S> loss_;
};

}  // namespace neurostep
