#pragma once
// One layer of a Sequential model, of any kind, behind one small interface:
//   forward(input, context)  training or inference; keeps every intermediate for inspection
//   backward(dz_given[, input_gradient]) from dA (set by the network) to dA_prev and the weights' gradients
//   infer(input, out)        the inference output, keeping nothing (predictions)
//   params()                 the weights by Keras's names, with gradients and last updates
//   inspect()                every intermediate of the last forward and backward pass by name
//   penalty()                the weight regularizers' terms of the loss
// A Layer is a value (a std::variant of the kinds), so a network, and a trainer, copies whole.
#include <type_traits>
#include <variant>
#include <vector>

#include "core/dense_layer.hpp"
#include "core/layers/activation_layer.hpp"
#include "core/layers/batch_normalization.hpp"
#include "core/layers/dropout.hpp"
#include "core/layers/flatten.hpp"
#include "core/layers/layer_normalization.hpp"
#include "core/layers/prelu.hpp"

namespace neurostep {

namespace layer_detail {
// Kinds whose output is f(z) of a pre-activation z, which the loss may combine with.
template <typename L, typename = void>
struct has_dz : std::false_type {};
template <typename L>
struct has_dz<L, std::void_t<decltype(std::declval<L&>().dZ)>> : std::true_type {};
}  // namespace layer_detail

template <typename S>
class Layer {
 public:
  using Kinds = std::variant<DenseLayer<S>, DropoutLayer<S>, BatchNormalizationLayer<S>,
                             LayerNormalizationLayer<S>, ActivationLayer<S>, FlattenLayer<S>, PReLULayer<S>>;

  Layer(const LayerConfig& c, int inputs) : impl_(make(c, inputs)) {}

  LayerKind kind() const { return config().kind; }
  const LayerConfig& config() const { return visit([](const auto& L) -> const LayerConfig& { return L.config; }); }
  int inputs() const { return visit([](const auto& L) { return L.inputs(); }); }
  int units() const { return visit([](const auto& L) { return L.units(); }); }  // output width
  Activation activation() const { return visit([](const auto& L) { return L.activation(); }); }

  // The values the network passes between layers.
  const Matrix<S>& input() const { return visit([](const auto& L) -> const Matrix<S>& { return L.a_prev; }); }
  const Matrix<S>& output() const { return visit([](const auto& L) -> const Matrix<S>& { return L.a; }); }
  const Matrix<S>& output_gradient() const { return visit([](const auto& L) -> const Matrix<S>& { return L.dA; }); }
  Matrix<S>& output_gradient() { return visit([](auto& L) -> Matrix<S>& { return L.dA; }); }
  const Matrix<S>& input_gradient() const { return visit([](const auto& L) -> const Matrix<S>& { return L.dA_prev; }); }
  // z for the loss: the pre-activation of a Dense or Activation layer, else the output.
  const Matrix<S>& pre_activation() const {
    return visit([](const auto& L) -> const Matrix<S>& {
      using L_ = std::decay_t<decltype(L)>;
      if constexpr (std::is_same_v<L_, DenseLayer<S>>) return L.z;
      else if constexpr (std::is_same_v<L_, ActivationLayer<S>>) return L.a_prev;
      else return L.a;
    });
  }
  // Sets dL/dz when the loss gives it (only layers with an activation have one).
  void set_output_dz(const Matrix<S>& dz) {
    visit([&](auto& L) {
      if constexpr (layer_detail::has_dz<std::decay_t<decltype(L)>>::value) L.dZ = dz;
    });
  }
  // Adds to dL/dz (an activity regularizer's share when the loss gave dL/dz directly).
  void add_output_dz(const Matrix<S>& extra) {
    visit([&](auto& L) {
      if constexpr (layer_detail::has_dz<std::decay_t<decltype(L)>>::value) L.dZ += extra;
    });
  }

  void initialize(Random& rng) { visit([&](auto& L) { L.initialize(rng); }); }
  void forward(const Matrix<S>& input, const ForwardContext& ctx) { visit([&](auto& L) { L.forward(input, ctx); }); }
  // input_gradient false lets a Dense layer skip dL/da_prev (the first layer's is dL/dx, which
  // training never uses); the other kinds are cheap and always give it.
  void backward(bool dz_given, bool input_gradient = true) {
    visit([&](auto& L) {
      if constexpr (std::is_same_v<std::decay_t<decltype(L)>, DenseLayer<S>>) L.backward(dz_given, input_gradient);
      else L.backward(dz_given);
    });
  }
  void infer(const Matrix<S>& input, Matrix<S>& out, Matrix<S>* z_out = nullptr) const {
    visit([&](const auto& L) { L.infer(input, out, z_out); });
  }
  S penalty() const { return visit([](const auto& L) { return L.penalty(); }); }
  std::vector<ParamRef<S>> params() { return visit([](auto& L) { return L.params(); }); }
  std::vector<ParamRef<const S>> params() const { return visit([](const auto& L) { return L.params(); }); }
  std::vector<Inspected<S>> inspect() const { return visit([](const auto& L) { return L.inspect(); }); }

  // The layer as its own kind, for the members of that kind: as<DropoutLayer<S>>() is null
  // when the layer is another kind.
  template <typename L>
  L* as() { return std::get_if<L>(&impl_); }
  template <typename L>
  const L* as() const { return std::get_if<L>(&impl_); }

  template <typename F>
  decltype(auto) visit(F&& f) { return std::visit(std::forward<F>(f), impl_); }
  template <typename F>
  decltype(auto) visit(F&& f) const { return std::visit(std::forward<F>(f), impl_); }

 private:
  static Kinds make(const LayerConfig& c, int inputs) {
    switch (c.kind) {
      case LayerKind::dense: return DenseLayer<S>(c, inputs);
      case LayerKind::dropout: return DropoutLayer<S>(c, inputs);
      case LayerKind::batch_normalization: return BatchNormalizationLayer<S>(c, inputs);
      case LayerKind::layer_normalization: return LayerNormalizationLayer<S>(c, inputs);
      case LayerKind::flatten: return FlattenLayer<S>(c, inputs);
      case LayerKind::prelu: return PReLULayer<S>(c, inputs);
      case LayerKind::activation:
      case LayerKind::relu:
      case LayerKind::leaky_relu:
      case LayerKind::elu:
      case LayerKind::softmax: break;
    }
    return ActivationLayer<S>(c, inputs);
  }

  Kinds impl_;
};

}  // namespace neurostep
