#pragma once
// A NeuroStep model as a runnable Keras script, in the style of the seed article's example:
// Sequential of Dense layers, compile, the data as np.array, fit. It runs on Keras 3 and on
// tf.keras 2. Arguments at Keras's defaults are left out, so the script reads like the article;
// numbers are written so that Python reads back the same double.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/dataset.hpp"
#include "core/error.hpp"
#include "core/model_spec.hpp"
#include "core/network.hpp"
#include "core/preprocessing_keras.hpp"

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

// A Python float/int literal that reads back as exactly v: "0.1", "1e-07", "3".
inline std::string number(double v) {
  require(std::isfinite(v), "cannot export ", v, ": Python has no literal for it");
  return csv_detail::format_number(v);
}

// A weight as Keras will hold it (float32): the shortest text that numpy's path, parse as
// float64 then round to float32, maps back to the same float32. Nine digits always do.
inline std::string float32_number(double v) {
  const float f = static_cast<float>(v);
  require(std::isfinite(f), "cannot export the weight ", v, ": not a finite float32");
  char buffer[32];
  for (int digits = 6; digits < 9; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, static_cast<double>(f));
    double back = 0.0;
    if (csv_detail::parse_number(buffer, back) == csv_detail::Number::Ok &&
        static_cast<float>(back) == f)
      return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(f));
  return buffer;
}

// A Python string literal: single quotes, with backslashes, quotes and control bytes escaped.
inline std::string py_string(const std::string& s) {
  std::string out = "'";
  for (const unsigned char c : s) {
    if (c == '\\' || c == '\'') out += '\\', out += static_cast<char>(c);
    else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else out += static_cast<char>(c);
  }
  return out + "'";
}

// A 2-D Python list, one row per line at `indent`, the closing bracket one level (4 spaces) out:
// [[a, b], [c, d]] -> "[\n    [a, b],\n    [c, d],\n]".
template <typename Cell>
std::string rows(long n_rows, long n_cols, Cell cell, const std::string& indent = "    ") {
  std::string out = "[\n";
  for (long r = 0; r < n_rows; ++r) {
    out += indent + "[";
    for (long c = 0; c < n_cols; ++c) out += (c ? ", " : "") + cell(r, c);
    out += "],\n";
  }
  return out + indent.substr(4) + "]";
}

inline std::string optimizer_call(const OptimizerConfig& c) {
  // learning_rate is always written, as the one setting every reader looks for; the rest only
  // when they differ from Keras's defaults (which default_optimizer holds).
  const OptimizerConfig d = default_optimizer(c.kind);
  std::string args = "learning_rate=" + number(c.learning_rate);
  const auto arg = [&](const char* name, double v, double keras_default) {
    if (v != keras_default) args += std::string(", ") + name + "=" + number(v);
  };
  const auto flag = [&](const char* name, bool v) {
    if (v) args += std::string(", ") + name + "=True";
  };
  switch (c.kind) {
    case OptimizerKind::sgd:
      arg("momentum", c.momentum, d.momentum);
      flag("nesterov", c.nesterov);
      return "keras.optimizers.SGD(" + args + ")";
    case OptimizerKind::adam:
      arg("beta_1", c.beta_1, d.beta_1);
      arg("beta_2", c.beta_2, d.beta_2);
      arg("epsilon", c.epsilon, d.epsilon);
      flag("amsgrad", c.amsgrad);
      return "keras.optimizers.Adam(" + args + ")";
    case OptimizerKind::rmsprop:
      arg("rho", c.rho, d.rho);
      arg("momentum", c.momentum, d.momentum);
      arg("epsilon", c.epsilon, d.epsilon);
      return "keras.optimizers.RMSprop(" + args + ")";
    case OptimizerKind::adagrad:
      arg("initial_accumulator_value", c.initial_accumulator_value, d.initial_accumulator_value);
      arg("epsilon", c.epsilon, d.epsilon);
      return "keras.optimizers.Adagrad(" + args + ")";
  }
  return "";
}

inline std::string dense_call(const LayerConfig& l) {
  const LayerConfig d;  // Keras's Dense defaults: linear, use_bias, glorot_uniform, zeros
  std::string s = "keras.layers.Dense(" + std::to_string(l.units);
  if (l.activation != d.activation) s += ", activation=" + py_string(name_of(l.activation));
  if (!l.use_bias) s += ", use_bias=False";
  if (l.kernel_initializer != d.kernel_initializer)
    s += ", kernel_initializer=" + py_string(name_of(l.kernel_initializer));
  if (l.use_bias && l.bias_initializer != d.bias_initializer)
    s += ", bias_initializer=" + py_string(name_of(l.bias_initializer));
  if (l.l1 > 0 || l.l2 > 0) {
    std::string reg;
    if (l.l1 > 0) reg += "l1=" + number(l.l1);
    if (l.l2 > 0) reg += (reg.empty() ? "" : ", ") + std::string("l2=") + number(l.l2);
    s += ", kernel_regularizer=keras.regularizers.L1L2(" + reg + ")";
  }
  s += "),";
  // Keras 3 knows 'leaky_relu' by name; tf.keras 2 does not, but tf.nn.leaky_relu has the
  // same default slope.
  if (l.activation == Activation::leaky_relu)
    s += "  # Keras 3's name (slope 0.2); tf.keras 2: activation=tf.nn.leaky_relu";
  return s;
}

// The docstring: what the model is and how to run it.
inline std::string docstring(const ModelSpec& spec, const Dataset& data, bool inline_data,
                             bool with_weights) {
  std::string s = "\"\"\"A model exported from NeuroStep, the neural-network playground, as a "
                  "Keras script.\n\nModel: " + std::to_string(spec.input_dim) + " inputs";
  for (const LayerConfig& l : spec.layers)
    s += " -> Dense(" + std::to_string(l.units) + ", " + name_of(l.activation) + ")";
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

// model.set_weights in get_weights() order: per layer the kernel, then the bias if it has one.
inline std::string set_weights_call(const ModelSpec& spec, const std::vector<LayerWeights>& ws) {
  require(ws.size() == spec.layers.size(), "expected weights for ", spec.layers.size(),
          " layers, got ", ws.size());
  std::string s = "# Keras's kernel is inputs x units, NeuroStep's W transposed; Keras holds "
                  "float32.\nmodel.set_weights([\n";
  int inputs = spec.input_dim;
  for (std::size_t l = 0; l < ws.size(); ++l) {
    const LayerWeights& w = ws[l];
    const int units = spec.layers[l].units;
    require(w.W.rows() == units && w.W.cols() == inputs && w.b.size() == units, "layer ", l + 1,
            ": weights must be ", units, " x ", inputs, " with ", units, " biases");
    const std::string layer = "layer " + std::to_string(l + 1);
    s += "    # " + layer + " kernel, " + std::to_string(inputs) + " x " + std::to_string(units);
    s += "\n    np.array(" + rows(inputs, units, [&](long r, long k) {
           return float32_number(w.W(k, r));  // kernel[input][unit] = W(unit, input)
         }, "        ") + ", dtype='float32'),\n";
    if (spec.layers[l].use_bias) {
      s += "    np.array([";
      for (int k = 0; k < units; ++k) s += (k ? ", " : "") + float32_number(w.b(k));
      s += "], dtype='float32'),  # " + layer + " bias\n";
    }
    inputs = units;
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
  const int outputs = spec.layers.back().units;
  require(data.features() == spec.input_dim, "the data has ", data.features(),
          " feature columns but the model takes ", spec.input_dim, " inputs");
  require(data.targets() == (sparse ? 1 : outputs), "the data has ", data.targets(),
          " target columns but the model needs ", sparse ? 1 : outputs);
  require(o.epochs >= 1 && o.batch_size >= 1, "epochs and batch_size must be at least 1");
  require(o.validation_split >= 0.0 && o.validation_split < 1.0,
          "validation_split must be in [0, 1), got ", o.validation_split);
  require(!o.csv_file_name.empty(), "the CSV file name is empty");
  require(!o.include_weights || weights, "include_weights is set but no weights were given");
  for (long j = 0; sparse && j < data.size(); ++j)
    require(data.y(0, j) == std::floor(data.y(0, j)) && data.y(0, j) >= 0 &&
                data.y(0, j) < outputs,
            "row ", j + 1, ": sparse labels must be class indices 0 to ", outputs - 1, ", got ",
            data.y(0, j));
  const bool inline_data = data.size() <= o.inline_limit;

  std::string s = docstring(spec, data, inline_data, o.include_weights);
  s += "import numpy as np\n\n"
       "try:\n"
       "    import keras  # Keras 3 (and standalone Keras 2)\n"
       "except ImportError:\n"
       "    from tensorflow import keras  # tf.keras 2\n\n";
  s += "model = keras.Sequential([\n";
  s += "    keras.Input(shape=(" + std::to_string(spec.input_dim) + ",)),\n";
  if (o.preprocessing.active()) s += "    " + keras_normalization_layer(o.preprocessing) + "\n";
  for (const LayerConfig& l : spec.layers) s += "    " + dense_call(l) + "\n";
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
