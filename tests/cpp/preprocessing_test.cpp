// Scaling kept where a model goes: the model file (read back bit for bit, refused when it does
// not fit the model), and the exported Keras script (a Normalization layer).
#include <catch2/catch.hpp>
#include <string>

#include "core/keras_export.hpp"
#include "core/model_file.hpp"
#include "core/preprocessing.hpp"
#include "fixtures.hpp"

using namespace neurostep;
using Catch::Contains;

namespace {
Preprocessing wide_scaling() {
  Dataset d = test::xor_data();
  d.x.row(1) *= 1000.0 / 3.0;
  return fit_preprocessing(d, Scaling::standardize);
}
}  // namespace

TEST_CASE("a model file keeps its scaling, bit for bit", "[data][scaling]") {
  Trainer<double> t(test::xor_model(), 3);
  const Preprocessing p = wide_scaling();
  const std::string text = save_model(t, p);
  CHECK(text.find("\"preprocessing\": {") != std::string::npos);
  const LoadedModel m = load_model(text);
  CHECK(m.preprocessing.scaling == Scaling::standardize);
  CHECK(m.preprocessing.offset == p.offset);
  CHECK(m.preprocessing.scale == p.scale);
  CHECK(save_model(t).find("preprocessing") == std::string::npos);  // none: no key, as before
  CHECK_FALSE(load_model(save_model(t)).preprocessing.active());

  const auto with = [&](const std::string& json) {
    std::string s = save_model(t);
    return s.insert(s.rfind('}'), ", \"preprocessing\": " + json);
  };
  REQUIRE_THROWS_WITH(load_model(with(R"({"scaling": "standardize", "offset": [0], "scale": [1]})")),
                      "preprocessing.offset has 1 values but the model takes 2 inputs");
  REQUIRE_THROWS_WITH(load_model(with(R"({"scaling": "standardize", "offset": [0, 0], "scale": [1, 0]})")),
                      "preprocessing: scale 2 is 0; it must be a finite number above 0");
  REQUIRE_THROWS_WITH(load_model(with(R"({"scaling": "log"})")),
                      "preprocessing.scaling must be \"none\", \"standardize\" or \"min_max\", got \"log\"");
  REQUIRE_THROWS_WITH(load_model(with(R"({"scaling": "min_max", "offset": [0, 0]})")), "preprocessing.scale is missing");
}

TEST_CASE("the exported Keras script scales its raw inputs with a Normalization layer", "[data][scaling]") {
  KerasExportOptions o;
  o.preprocessing = wide_scaling();
  const std::string script = export_keras_script(test::xor_model(), test::xor_data(), o);
  const std::string mean = csv_detail::format_number(o.preprocessing.offset(1));
  const std::string variance = csv_detail::format_number(o.preprocessing.scale(1) * o.preprocessing.scale(1));
  CHECK_THAT(script, Contains("    keras.Input(shape=(2,)),\n    keras.layers.Normalization(mean=[0.5, " + mean +
                              "], variance=[0.25, " + variance + "]),  # NeuroStep's standardize scaling"));
  CHECK(export_keras_script(test::xor_model(), test::xor_data(), {}).find("Normalization") == std::string::npos);
}

TEST_CASE("a script exported without scaling gets the Normalization layer put in", "[data][scaling]") {
  const Preprocessing p = wide_scaling();
  const std::string plain = export_keras_script(test::xor_model(), test::xor_data(), {});
  KerasExportOptions o;
  o.preprocessing = p;
  CHECK(with_keras_normalization(plain, p) == export_keras_script(test::xor_model(), test::xor_data(), o));
  CHECK(with_keras_normalization(plain, Preprocessing{}) == plain);
  REQUIRE_THROWS_WITH(with_keras_normalization(with_keras_normalization(plain, p), p), "the script already scales its inputs");
  REQUIRE_THROWS_WITH(with_keras_normalization("print(1)\n", p), "not a NeuroStep Keras script: it has no keras.Input line");
}
