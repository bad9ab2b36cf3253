// The catalogue (core/catalogue.hpp) says what the core's own tables and checks say: every name
// of every table, each optimizer's Keras defaults, and ranges that validate() accepts right up to
// their bounds and refuses just past them.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "core/catalogue.hpp"
#include "core/generators.hpp"
#include "core/split.hpp"
#include "core/trainer.hpp"

using namespace neurostep;

namespace {

bool accepted(OptimizerKind kind, const OptimizerField& f, double v) {
  OptimizerConfig c = default_optimizer(kind);
  c.*f.number = v;
  try {
    validate(c);
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

TEST_CASE("catalogue lists every name of the core's tables", "[catalogue]") {
  const auto c = catalogue();
  REQUIRE(c["activations"].size() == activation_names().size());
  for (std::size_t i = 0; i < activation_names().size(); ++i)
    CHECK(c["activations"][i]["name"] == activation_names()[i].first);
  CHECK(c["activations"][2]["parameters"]["negative_slope"] == leaky_relu_negative_slope);
  for (const auto& a : c["activations"])  // f'(z) jumps at 0 for relu, leaky relu, relu6 and selu only
    CHECK(a["kinkAtZero"] == (a["name"] == "relu" || a["name"] == "leaky_relu" || a["name"] == "relu6" || a["name"] == "selu"));
  REQUIRE(c["initializers"].size() == initializer_names().size());
  REQUIRE(c["optimizers"].size() == optimizer_names().size());
  // Every loss name is either an entry or an alias of one; each entry under its canonical name.
  std::size_t names = 0;
  for (const auto& l : c["losses"]) {
    CHECK(name_of(loss_from_name(l["name"])) == l["name"]);
    names += 1 + l["aliases"].size();
  }
  CHECK(names == loss_names().size());
  const auto& mse = c["losses"][0];
  CHECK(mse["name"] == "mean_squared_error");
  CHECK(mse["aliases"] == nlohmann::json::array({"mse"}));
  CHECK(mse["targets"] == "any");
  CHECK(mse["combinesWith"].is_null());
  for (const auto& l : c["losses"]) {
    if (l["name"] == "binary_crossentropy") CHECK((l["targets"] == "probabilities" && l["combinesWith"] == "sigmoid"));
    if (l["name"] == "sparse_categorical_crossentropy") CHECK((l["targets"] == "class_indices" && l["minOutputUnits"] == 2));
  }
  CHECK(c["limits"]["batchSize"]["max"] == limits::max_batch_size);
  CHECK(c["layerKinds"][0]["defaults"]["kernel_initializer"] == "glorot_uniform");
}

TEST_CASE("catalogue gives each optimizer's fields with Keras's defaults", "[catalogue]") {
  const auto c = catalogue();
  for (std::size_t k = 0; k < optimizer_names().size(); ++k) {
    const auto& [name, kind] = optimizer_names()[k];
    const auto& entry = c["optimizers"][k];
    CHECK(entry["name"] == name);
    const auto fields = optimizer_fields(kind);
    REQUIRE(entry["fields"].size() == fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) CHECK(entry["fields"][i]["key"] == fields[i].key);
  }
  CHECK(c["optimizers"][0]["fields"][0]["default"] == 0.01);  // sgd's learning rate
  CHECK(c["optimizers"][1]["fields"][1]["default"] == 0.9);   // adam's beta_1
  CHECK(c["optimizers"][1]["fields"][4]["type"] == "boolean");  // amsgrad
}

TEST_CASE("catalogue ranges are the ones validate() enforces", "[catalogue]") {
  for (const auto& [name, kind] : optimizer_names()) {
    for (const OptimizerField& f : optimizer_fields(kind)) {
      if (!f.number) continue;
      INFO(name << " " << f.key);
      const FieldRange r = optimizer_field_range(f.key);
      const double below = std::nextafter(r.min, -std::numeric_limits<double>::infinity());
      CHECK(accepted(kind, f, r.min) == !r.min_exclusive);
      CHECK_FALSE(accepted(kind, f, below));
      CHECK(accepted(kind, f, std::nextafter(r.min, r.max)));
      if (std::isfinite(r.max)) {
        CHECK(accepted(kind, f, r.max) == !r.max_exclusive);
        CHECK_FALSE(accepted(kind, f, std::nextafter(r.max, std::numeric_limits<double>::infinity())));
        CHECK(accepted(kind, f, std::nextafter(r.max, r.min)));
      } else {
        CHECK(accepted(kind, f, 1e300));
      }
    }
  }
}

TEST_CASE("catalogue limits are the ranges the core's checks take, and the example is the article's", "[catalogue]") {
  const auto c = catalogue();
  const auto& lim = c["limits"];
  const auto refuses = [](auto&& f) {
    try {
      f();
      return false;
    } catch (const Error&) {
      return true;
    }
  };
  const auto generate = [](double count, double noise) {
    return generate_dataset("xor", {static_cast<long>(count), noise, 1});
  };
  // Both ends of each range are taken; just past them is refused.
  CHECK_FALSE(refuses([&] { generate(lim["count"]["min"], lim["noise"]["min"]); }));
  CHECK_FALSE(refuses([&] { generate(lim["count"]["min"], lim["noise"]["max"]); }));
  CHECK(refuses([&] { generate(lim["count"]["min"].get<double>() - 1, 0); }));
  CHECK(refuses([&] { generate(lim["count"]["max"].get<double>() + 1, 0); }));
  CHECK(refuses([&] { generate(10, std::nextafter(lim["noise"]["max"].get<double>(), 1e9)); }));
  const Dataset data = generate(20, 0);
  CHECK_FALSE(refuses([&] { split_dataset(data, lim["testRatio"]["max"], 1); }));
  CHECK(refuses([&] { split_dataset(data, std::nextafter(lim["testRatio"]["max"].get<double>(), 1.0), 1); }));
  CHECK(refuses([&] { split_dataset(data, std::nextafter(0.0, -1.0), 1); }));
  Trainer<float> t(article_model(), 1);
  CHECK_FALSE(refuses([&] { t.set_batch_size(lim["batchSize"]["min"]); }));
  CHECK_FALSE(refuses([&] { t.set_batch_size(lim["batchSize"]["max"]); }));
  CHECK(refuses([&] { t.set_batch_size(lim["batchSize"]["max"].get<int>() + 1); }));
  const auto with_l1 = [](double r) {
    ModelSpec spec = article_model();
    spec.layers[0].l1 = r;
    spec.layers[0].l2 = r;
    return Network<float>(spec);
  };
  CHECK_FALSE(refuses([&] { with_l1(lim["regularization"]["max"]); }));
  CHECK(refuses([&] { with_l1(std::nextafter(lim["regularization"]["max"].get<double>(), 1e9)); }));
  CHECK(lim["seed"]["max"] == std::numeric_limits<std::uint32_t>::max());
  CHECK(c["example"] == spec_to_json(article_model()));
  CHECK(c["example"]["layers"][0]["activation"] == "relu");
}
