#pragma once
// `neurostep gradcheck`: backpropagation against finite differences on the first batch a
// trainer would take, bounded by a budget of forward passes (gradient_check_job.hpp): exact
// when every parameter fits the budget, a stated sample and random directions beyond it. The
// report goes to stdout, progress to stderr.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/args.hpp"
#include "cli/train_command.hpp"
#include "core/gradient_check_network.hpp"

namespace neurostep::cli {

constexpr const char* gradcheck_help = R"(Options of gradcheck (the data options are train's):
  --budget N           forward passes at most (default 4000): every parameter costs 4, so up to
                       N/4 parameters are checked exactly; beyond that a sample of each layer's
                       weights (half with the largest gradients, half at random) and random
                       directions (2 passes each) are checked, and the report says which
  --directions N       random directions per layer of a sampled check (default 8)
  --check-seed S       seeds the sample and the directions (default 42)
  --precision P        float64 (default: the finite differences are meaningful to ~1e-9) or float32
  --tolerance X        the largest relative error that counts as agreement (default 1e-6 in
                       float64, 1e-2 in float32); exit status 1 when an error is larger
)";

inline std::string error_text(double e) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1e", e);
  return text;
}

inline std::string entry_label(const GradientCheckReport& r, const EntryCheck& e) {
  const TensorCheckSummary& t = r.tensors[static_cast<std::size_t>(e.tensor)];
  const long R = std::max(1L, t.rows);
  return "layer " + std::to_string(t.layer + 1) + " " + t.name + " (row " + std::to_string(e.index % R + 1) +
         ", column " + std::to_string(e.index / R + 1) + ")";
}

// What was checked, layer by layer, and the worst agreements.
inline void print_report(const GradientCheckReport& r, double tolerance, std::ostream& out) {
  if (r.exact)
    out << "exact check: every one of " << r.parameters << " parameters, " << r.forward_passes << " forward passes\n";
  else
    out << "sampled check: all " << r.parameters << " parameters would take " << 4 * r.parameters
        << " forward passes, more than the budget of " << r.budget << "; " << r.forward_passes
        << " forward passes checked:\n";
  for (const LayerCheckSummary& l : r.layers) {
    out << "  layer " << l.layer + 1 << ": " << l.parameters << " parameters, ";
    if (l.checked == l.parameters) out << "all checked";
    else out << l.checked << " checked (" << l.largest << " with the largest gradients, " << l.random << " at random)";
    if (l.directions > 0) out << " and " << l.directions << " random directions";
    out << "; largest relative error " << error_text(l.max_entry_error);
    if (l.directions > 0) out << " (directions " << error_text(l.max_direction_error) << ")";
    out << "\n";
  }
  const bool agree = r.max_relative_error <= tolerance;
  out << "largest relative error " << error_text(r.max_relative_error) << ": backpropagation "
      << (agree ? "agrees with" : "DISAGREES with") << " the finite differences (tolerance " << error_text(tolerance)
      << ")\nworst weights:\n";
  char line[160];
  for (const EntryCheck& e : r.worst(5)) {
    std::snprintf(line, sizeof line, "backprop %.12g, finite difference %.12g, relative error %s", e.backprop,
                  e.numeric, error_text(e.relative_error).c_str());
    out << "  " << entry_label(r, e) << ": " << line << "\n";
  }
}

template <typename S>
int gradcheck_in(const LoadedModel& model, const Dataset& data, const GradientCheckOptions& options, double tolerance) {
  Trainer<S> t = make_trainer<S>(model);
  t.set_data(data, Dataset{});
  std::cout << "model " << describe(model.spec) << ", loss " << name_of(model.spec.loss) << ", "
            << parameter_count(model.spec) << " parameters, " << dtype_name<S>() << "\n"
            << "on the first batch the trainer takes: " << std::min<long>(t.batch_size(), t.train_size())
            << " of " << t.train_size() << " rows (batch size " << t.batch_size() << ", seed " << t.seed() << ")\n";
  GradientCheckJob<S> job = gradient_check_job(t, options);
  const auto start = std::chrono::steady_clock::now();
  long reported = -1;
  for (JobProgress p = job.progress(); !p.finished();) {
    p = job.run_for(options.budget, 0.5);  // a line at most every half second
    const long percent = 100 * p.done / std::max(1L, p.total);
    if (percent != reported) std::cerr << "gradient check: " << percent << "% (" << p.done << " of " << p.total << " forward passes)\n";
    reported = percent;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  print_report(job.report(), tolerance, std::cout);
  std::fprintf(stderr, "gradient check: done in %.2f s\n", seconds);
  return job.report().max_relative_error <= tolerance ? 0 : 1;
}

inline int gradcheck_command(int argc, char** argv) {
  std::vector<std::string> known = {"--data", "--target", "--dataset", "--count", "--noise", "--data-seed",
                                    "--batch-size", "--seed", "--precision", "--budget", "--directions",
                                    "--check-seed", "--tolerance", "--delimiter", "--skip-lines", "--missing", "--scale"};
  const Args args = parse_args(argc, argv, 2, "gradcheck", known);
  require(!args.positional.empty(), "gradcheck needs a MODEL.json (a model file, a Keras to_json() or a spec)");
  require(args.positional.size() == 1, "unexpected argument \"", args.positional[1], "\"");
  const std::string path = args.positional[0];
  const std::string text = read_file(path);
  LoadedModel model = about(path, [&] { return load_model(text); });
  model.batch_size = static_cast<int>(
      to_integer(args.get("--batch-size", std::to_string(model.batch_size)), "--batch-size", 1, limits::max_batch_size));
  model.seed = static_cast<std::uint32_t>(to_integer(args.get("--seed", std::to_string(model.seed)), "--seed", 0, 4294967295LL));
  const std::string precision = args.get("--precision", "float64");
  require(precision == "float32" || precision == "float64", "--precision must be float32 or float64, got \"", precision, "\"");
  GradientCheckOptions options;
  options.budget = to_integer(args.get("--budget", "4000"), "--budget", 1, GradientCheckJob<double>::max_budget);
  options.directions_per_layer = static_cast<int>(to_integer(args.get("--directions", "8"), "--directions", 1, 1000));
  options.seed = static_cast<std::uint32_t>(to_integer(args.get("--check-seed", "42"), "--check-seed", 0, 4294967295LL));
  const double tolerance = to_number(args.get("--tolerance", precision == "float64" ? "1e-6" : "1e-2"), "--tolerance");
  // The data as train reads them (scaled as the model file says, or as --scale asks), no test split.
  const TrainingData data = read_training_data(args, 0.0, model.seed, model.preprocessing);
  return precision == "float64" ? gradcheck_in<double>(model, data.train, options, tolerance)
                                : gradcheck_in<float>(model, data.train, options, tolerance);
}

}  // namespace neurostep::cli
