#pragma once
// A NeuroStep model as a runnable Keras script, in the style of the seed article's example:
// Sequential of the model's layers, compile, the data as np.array, fit. It runs on Keras 3 and on
// tf.keras 2. Arguments at Keras's defaults are left out, so the script reads like the article;
// numbers are written so that Python reads back the same double.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/dataset.hpp"
#include "core/error.hpp"
#include "core/keras_compile.hpp"
#include "core/model_spec.hpp"
#include "core/network.hpp"
#include "core/preprocessing_keras.hpp"
#include "core/python_literals.hpp"

namespace neurostep {

struct KerasExportOptions {
  int epochs = 1000;
  int batch_size = 1;
  double validation_split = 0.0;  // Keras holds out the last rows (taken before any shuffling)
  bool shuffle = true;
  bool include_weights = false;            // emit model.set_weights([...]) with the given weights
  std::string csv_file_name = "data.csv";  // used when the dataset is too large to inline
  long inline_limit = 200;                 // rows; beyond it the script reads csv_file_name
  Preprocessing preprocessing;             // scaling of the raw features (preprocessing_keras.hpp)
};

namespace keras_export_detail {

// keras.optimizers.Adam(learning_rate=..., ...): learning_rate is always written, as the one
// setting every reader looks for; the other fields (optimizer_fields, in Keras's order) only
// when they differ from Keras's defaults (which default_optimizer holds).
inline std::string optimizer_call(const OptimizerConfig& c) {
  const OptimizerConfig d = default_optimizer(c.kind);
  std::string args = "learning_rate=" + number(c.learning_rate);
  for (const OptimizerField& f : optimizer_fields(c.kind)) {
    if (std::string(f.key) == "learning_rate") continue;
    if (f.number && c.*f.number != d.*f.number) args += std::string(", ") + f.key + "=" + number(c.*f.number);
    if (f.flag && c.*f.flag) args += std::string(", ") + f.key + "=True";
  }
  return "keras.optimizers." + keras_compile_detail::class_name_of(c.kind) + "(" + args + ")";
}

// An activation argument: its name, or for approximate GELU (which Keras names only as an
// argument of the function) a lambda.
inline std::string activation_arg(Activation a) {
  if (a == Activation::gelu_approximate) return "lambda x: keras.activations.gelu(x, approximate=True)";
  return py_string(name_of(a));
}

inline std::string regularizer_call(const Regularizer& r) {
  std::string reg;
  if (r.l1 > 0) reg += "l1=" + number(r.l1);
  if (r.l2 > 0) reg += (reg.empty() ? "" : ", ") + std::string("l2=") + number(r.l2);
  return "keras.regularizers.L1L2(" + reg + ")";
}

inline std::string constraint_call(const Constraint& c) {
  const Constraint d = default_constraint(c.kind);
  std::string args;
  const auto arg = [&](const char* name, double v, double keras_default) {
    if (v != keras_default) args += std::string(args.empty() ? "" : ", ") + name + "=" + number(v);
  };
  if (c.kind == ConstraintKind::min_max_norm) arg("min_value", c.min_value, d.min_value);
  if (c.kind == ConstraintKind::max_norm || c.kind == ConstraintKind::min_max_norm) arg("max_value", c.max_value, d.max_value);
  if (c.kind == ConstraintKind::min_max_norm) arg("rate", c.rate, d.rate);
  if (c.kind != ConstraintKind::non_neg) arg("axis", c.axis, 0);
  return "keras.constraints." + to_name(constraint_names(), c.kind) + "(" + args + ")";
}

// "Dense(10, relu)", "Dropout(0.5)", "BatchNormalization", ... for the docstring.
inline std::string layer_summary(const LayerConfig& l) {
  const std::string cls = class_name_of(l.kind);
  if (l.kind == LayerKind::dense) return cls + "(" + std::to_string(l.units) + ", " + name_of(l.activation) + ")";
  if (l.kind == LayerKind::dropout) return cls + "(" + number(l.rate) + ")";
  if (l.kind == LayerKind::activation) return cls + "(" + name_of(l.activation) + ")";
  return cls;
}

inline std::string layer_call(const LayerConfig& l) {
  const LayerConfig d = default_layer(l.kind);  // Keras's defaults, left out
  std::string args;
  const auto add = [&](const std::string& a) { args += (args.empty() ? "" : ", ") + a; };
  const auto num = [&](const char* name, double v, double keras_default) {
    if (v != keras_default) add(std::string(name) + "=" + number(v));
  };
  const auto init = [&](const char* name, Initializer v, Initializer keras_default) {
    if (v != keras_default) add(std::string(name) + "=" + py_string(name_of(v)));
  };
  std::string note;
  switch (l.kind) {
    case LayerKind::dense:
      add(std::to_string(l.units));
      if (l.activation != d.activation) add("activation=" + activation_arg(l.activation));
      if (!l.use_bias) add("use_bias=False");
      init("kernel_initializer", l.kernel_initializer, d.kernel_initializer);
      if (l.use_bias) init("bias_initializer", l.bias_initializer, d.bias_initializer);
      if (l.kernel_regularizer().active()) add("kernel_regularizer=" + regularizer_call(l.kernel_regularizer()));
      if (l.bias_regularizer.active()) add("bias_regularizer=" + regularizer_call(l.bias_regularizer));
      if (l.kernel_constraint.active()) add("kernel_constraint=" + constraint_call(l.kernel_constraint));
      if (l.bias_constraint.active()) add("bias_constraint=" + constraint_call(l.bias_constraint));
      // Keras 3 knows 'leaky_relu' by name; tf.keras 2 does not, but tf.nn.leaky_relu has the
      // same default slope.
      if (l.activation == Activation::leaky_relu)
        note = "  # Keras 3's name (slope 0.2); tf.keras 2: activation=tf.nn.leaky_relu";
      break;
    case LayerKind::dropout: add(number(l.rate)); break;
    case LayerKind::batch_normalization:
    case LayerKind::layer_normalization:
      if (l.kind == LayerKind::batch_normalization) num("momentum", l.momentum, d.momentum);
      num("epsilon", l.epsilon, d.epsilon);
      if (!l.center) add("center=False");
      if (!l.scale) add("scale=False");
      init("beta_initializer", l.beta_initializer, d.beta_initializer);
      init("gamma_initializer", l.gamma_initializer, d.gamma_initializer);
      if (l.kind == LayerKind::batch_normalization) {
        init("moving_mean_initializer", l.moving_mean_initializer, d.moving_mean_initializer);
        init("moving_variance_initializer", l.moving_variance_initializer, d.moving_variance_initializer);
      }
      break;
    case LayerKind::activation: add(activation_arg(l.activation)); break;
    case LayerKind::relu:
      if (!std::isinf(l.max_value)) add("max_value=" + number(l.max_value));
      num("negative_slope", l.negative_slope, d.negative_slope);
      num("threshold", l.threshold, d.threshold);
      break;
    case LayerKind::leaky_relu:
      num("negative_slope", l.negative_slope, d.negative_slope);
      if (l.negative_slope != d.negative_slope) note = "  # tf.keras 2 names it alpha";
      break;
    case LayerKind::elu: num("alpha", l.alpha, d.alpha); break;
    case LayerKind::prelu: init("alpha_initializer", l.alpha_initializer, d.alpha_initializer); break;
    case LayerKind::flatten:
    case LayerKind::softmax: break;
  }
  if (l.activity_regularizer.active()) add("activity_regularizer=" + regularizer_call(l.activity_regularizer));
  return "keras.layers." + class_name_of(l.kind) + "(" + args + ")," + note;
}

// The docstring: what the model is and how to run it.
inline std::string docstring(const ModelSpec& spec, const Dataset& data, bool inline_data,
                             bool with_weights) {
  std::string s = "\"\"\"A model exported from NeuroStep, the neural-network playground, as a "
                  "Keras script.\n\nModel: " + (spec.input_shape.empty() ? std::to_string(spec.input_dim) + " inputs"
                                                   : "inputs of shape (" + join_numbers(spec.input_shape) + ")");
  for (const LayerConfig& l : spec.layers) s += " -> " + layer_summary(l);
  s += "\nLoss: " + name_of(spec.loss) + ", optimizer: " + name_of(spec.optimizer.kind) + "\n";
  s += "Data: " + std::to_string(data.size()) + " rows of " + std::to_string(data.features()) +
       " features and " + std::to_string(data.targets()) + " target" +
       (data.targets() == 1 ? "" : "s") +
       (inline_data ? ", written out below.\n"
                    : ", read from CSV_FILE below: NeuroStep's\nCSV export "
                      "(a header row, then the feature columns, then the target columns).\n");
  s += "\nTo run it:\n    pip install tensorflow      (or: pip install keras jax)\n"
       "    python3 model.py\n\n";
  s += with_weights
           ? "It starts from NeuroStep's weights, but Keras computes in float32 and shuffles with\n"
             "its own random numbers: the losses will be close to the playground's, not equal.\n"
           : "Keras draws its own initial weights and shuffles with its own random numbers, so\n"
             "the losses will not match the playground's digit for digit; the method is the same.\n";
  return s + "\"\"\"\n";
}

// One value per feature, as a float32 array.
inline std::string vector_array(const Eigen::VectorXd& v) {
  std::string s = "np.array([";
  for (Eigen::Index k = 0; k < v.size(); ++k) s += (k ? ", " : "") + float32_number(v(k));
  return s + "], dtype='float32')";
}

// model.set_weights in get_weights() order: per Dense layer the kernel, then the bias if it has
// one; per other layer its weights by name (BatchNormalization: gamma, beta, moving_mean,
// moving_variance).
inline std::string set_weights_call(const ModelSpec& spec, const std::vector<LayerWeights>& ws) {
  require(ws.size() == spec.layers.size(), "expected weights for ", spec.layers.size(),
          " layers, got ", ws.size());
  std::string s = "# Keras's kernel is inputs x units, NeuroStep's W transposed; Keras holds "
                  "float32.\nmodel.set_weights([\n";
  const std::vector<int> widths = layer_widths(spec);
  for (std::size_t l = 0; l < ws.size(); ++l) {
    const LayerWeights& w = ws[l];
    const int inputs = widths[l];
    const std::string layer = "layer " + std::to_string(l + 1);
    if (spec.layers[l].kind != LayerKind::dense) {
      const std::vector<WeightName> names = weight_names(spec.layers[l]);
      require(w.vectors.size() == names.size(), layer_label(static_cast<long>(l)), ": expected ", names.size(),
              " weight vectors, got ", w.vectors.size());
      for (std::size_t k = 0; k < names.size(); ++k) {
        require(w.vectors[k].size() == inputs, layer_label(static_cast<long>(l)), ": ", names[k].name, " must have ",
                inputs, " values");
        s += "    " + vector_array(w.vectors[k]) + ",  # " + layer + " " + names[k].name + "\n";
      }
      continue;
    }
    const int units = spec.layers[l].units;
    require(w.W.rows() == units && w.W.cols() == inputs && w.b.size() == units, "layer ", l + 1,
            ": weights must be ", units, " x ", inputs, " with ", units, " biases");
    s += "    # " + layer + " kernel, " + std::to_string(inputs) + " x " + std::to_string(units);
    s += "\n    np.array(" + rows(inputs, units, [&](long r, long k) {
           return float32_number(w.W(k, r));  // kernel[input][unit] = W(unit, input)
         }, "        ") + ", dtype='float32'),\n";
    if (spec.layers[l].use_bias) s += "    " + vector_array(w.b) + ",  # " + layer + " bias\n";
  }
  return s + "])\n\n";
}

}  // namespace keras_export_detail

inline std::string export_keras_script(const ModelSpec& spec, const Dataset& data,
                                       const KerasExportOptions& o,
                                       const std::vector<LayerWeights>* weights = nullptr) {
  using namespace keras_export_detail;
  validate(spec);
  validate(data);
  const bool sparse = spec.loss == Loss::sparse_categorical_crossentropy;
  const int outputs = layer_widths(spec).back();
  check_export_data(data, spec.input_dim, sparse ? 1 : outputs);
  if (!(o.epochs >= 1 && o.batch_size >= 1))
    fail_with("export.keras_epochs", "epochs and batch_size must be at least 1, got {epochs} and {batch}",
              {arg("epochs", o.epochs), arg("batch", o.batch_size)});
  if (!(o.validation_split >= 0.0 && o.validation_split < 1.0))
    fail_with("export.validation_split", "validation_split must be in [0, 1), got {value}", {arg("value", exact(o.validation_split))});
  if (o.csv_file_name.empty()) fail_with("export.csv_name", "the CSV file name is empty", {});
  require(!o.include_weights || weights, "include_weights is set but no weights were given");  // a caller's mistake
  for (long j = 0; sparse && j < data.size(); ++j)
    if (!(data.y(0, j) == std::floor(data.y(0, j)) && data.y(0, j) >= 0 && data.y(0, j) < outputs))
      fail_with("export.sparse_label", "row {row}: sparse labels must be class indices 0 to {last}, got {value}",
                {arg("row", j + 1), arg("last", outputs - 1), arg("value", exact(data.y(0, j)))});
  const bool inline_data = data.size() <= o.inline_limit;

  std::string s = docstring(spec, data, inline_data, o.include_weights);
  s += "import numpy as np\n\n"
       "try:\n"
       "    import keras  # Keras 3 (and standalone Keras 2)\n"
       "except ImportError:\n"
       "    from tensorflow import keras  # tf.keras 2\n\n";
  s += "model = keras.Sequential([\n";
  s += "    keras.Input(shape=(" + (spec.input_shape.empty() ? std::to_string(spec.input_dim) + ","
                                                        : join_numbers(spec.input_shape)) + ")),\n";
  if (o.preprocessing.active()) s += "    " + keras_normalization_layer(o.preprocessing) + "\n";
  for (const LayerConfig& l : spec.layers) s += "    " + layer_call(l) + "\n";
  const std::string metrics = is_crossentropy(spec.loss) ? ", metrics=['accuracy']"
                              : spec.loss == Loss::mean_squared_error ? ", metrics=['mae']"
                                                                      : "";
  s += "])\nmodel.compile(loss=" + py_string(name_of(spec.loss)) +
       ", optimizer=" + optimizer_call(spec.optimizer) + metrics + ")\n\n";
  if (o.include_weights) s += set_weights_call(spec, *weights);

  if (inline_data) {
    s += "X = np.array(" + rows(data.size(), data.features(), [&](long r, long c) {
           return number(data.x(c, r));
         }) + ")\n";
    s += "Y = np.array(" + rows(data.size(), data.targets(), [&](long r, long c) {
           return sparse ? std::to_string(static_cast<long long>(data.y(c, r)))
                         : number(data.y(c, r));
         }) + ")\n";
  } else {
    const std::string nf = std::to_string(data.features());
    s += "CSV_FILE = " + py_string(o.csv_file_name) + "\n";
    s += "data = np.loadtxt(CSV_FILE, delimiter=',', skiprows=1, ndmin=2)  # skip the header\n";
    s += "X = data[:, :" + nf + "]\nY = data[:, " + nf + ":]" +
         (sparse ? ".astype('int64')  # class indices" : "") + "\n";
  }
  if (!spec.input_shape.empty())
    s += "X = X.reshape((-1, " + join_numbers(spec.input_shape) + "))  # each row is one sample, flattened\n";
  s += "\nmodel.fit(X, Y, epochs=" + std::to_string(o.epochs) +
       ", batch_size=" + std::to_string(o.batch_size);
  if (o.validation_split > 0) s += ", validation_split=" + number(o.validation_split);
  if (!o.shuffle) s += ", shuffle=False";
  s += ")\n";
  s += inline_data ? "print(model.predict(X))\n"
                   : "print(model.predict(X[:10]))  # the first 10 rows\n";
  return s;
}

}  // namespace neurostep
