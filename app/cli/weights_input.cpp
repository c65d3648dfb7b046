#include "app/cli/weights_input.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/errors.h"

namespace ps::cli {
namespace {

using nlohmann::json;

std::string type_name(const json& v) {
  if (v.is_boolean()) return "a boolean";
  if (v.is_string()) return "a string";
  if (v.is_null()) return "null";
  if (v.is_array()) return "an array";
  if (v.is_object()) return "an object";
  return "a number";
}

double number_at(const json& v, const std::string& where) {
  if (!v.is_number()) throw InputError(where + " is " + type_name(v) + ", not a number");
  const double d = v.get<double>();
  // JSON has no NaN or infinity, but 1e999 parses to inf.
  if (!std::isfinite(d)) throw InputError(where + " is not a finite number");
  return d;
}

Eigen::VectorXd vector_at(const json& v, const std::string& key) {
  if (!v.is_array()) throw InputError("\"" + key + "\" must be an array of numbers, got " + type_name(v));
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  for (size_t i = 0; i < v.size(); ++i)
    out[static_cast<Eigen::Index>(i)] = number_at(v[i], key + "[" + std::to_string(i) + "]");
  return out;
}

// Rows of equal length; returns them as a rows x cols matrix.
Eigen::MatrixXd rows_at(const json& v, const std::string& key) {
  if (!v.is_array() || v.empty())
    throw InputError("\"" + key + "\" must be a non-empty array of rows (one per task)");
  const size_t rows = v.size();
  size_t cols = 0;
  for (size_t r = 0; r < rows; ++r) {
    const std::string where = key + "[" + std::to_string(r) + "]";
    if (!v[r].is_array()) throw InputError(where + " is " + type_name(v[r]) + ", not a row of numbers");
    if (v[r].empty()) throw InputError(where + " is an empty row");
    if (r == 0) cols = v[r].size();
    if (v[r].size() != cols)
      throw InputError("\"" + key + "\" has ragged rows: " + key + "[0] has " +
                       std::to_string(cols) + " numbers, " + where + " has " +
                       std::to_string(v[r].size()));
  }
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c)
      m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) =
          number_at(v[r][c], key + "[" + std::to_string(r) + "][" + std::to_string(c) + "]");
  return m;
}

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 5:
// syntax error ..."; keep the part after the position and give the byte offset ourselves.
std::string parse_error_text(const json::parse_error& e, std::string_view source) {
  std::string what = e.what();
  const auto at = what.find("parse error at ");
  std::string position, detail = what;
  if (at != std::string::npos) {
    const auto colon = what.find(": ", at);
    if (colon != std::string::npos) {
      position = what.substr(at + 15, colon - at - 15);  // "line 1, column 5"
      detail = what.substr(colon + 2);
    }
  }
  std::string s = "bad JSON in " + std::string(source) + " at byte " + std::to_string(e.byte);
  if (!position.empty()) s += " (" + position + ")";
  return s + ": " + detail;
}

}  // namespace

TaskInput parse_task_input(std::string_view text, std::string_view source) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw InputError(parse_error_text(e, source));
  } catch (const json::exception& e) {
    // out_of_range.406: a number too large for a double ("1e999").
    std::string what = e.what();
    const auto bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    throw InputError("bad JSON in " + std::string(source) + ": " + what);
  }
  if (!doc.is_object())
    throw InputError("the input must be a JSON object with \"grads\" or \"gram\", got " +
                     type_name(doc));
  for (const auto& [key, value] : doc.items()) {
    (void)value;
    if (key != "grads" && key != "gram" && key != "losses" && key != "loss_floor")
      throw InputError("unknown key \"" + key + "\"; expected grads or gram, losses, loss_floor");
  }
  const bool has_grads = doc.contains("grads"), has_gram = doc.contains("gram");
  if (has_grads == has_gram)
    throw InputError(has_grads ? "give either \"grads\" or \"gram\", not both"
                               : "the input needs \"grads\" (one row per task) or \"gram\"");

  TaskInput in;
  if (has_grads) {
    // One row per task in the file; one column per task in G.
    in = TaskInput::from_grads(rows_at(doc["grads"], "grads").transpose());
  } else {
    Eigen::MatrixXd g = rows_at(doc["gram"], "gram");
    if (g.rows() != g.cols())
      throw InputError("\"gram\" must be square (K x K), got " + std::to_string(g.rows()) +
                       " rows of " + std::to_string(g.cols()));
    in = TaskInput::from_gram(std::move(g));
  }
  const auto k = in.num_tasks();
  auto check_size = [k](const Eigen::VectorXd& v, const char* key) {
    if (v.size() != k)
      throw InputError("\"" + std::string(key) + "\" has " + std::to_string(v.size()) +
                       (v.size() == 1 ? " number" : " numbers") + " for " + std::to_string(k) +
                       (k == 1 ? " task" : " tasks"));
  };
  if (doc.contains("losses")) {
    in.losses = vector_at(doc["losses"], "losses");
    check_size(in.losses, "losses");
  }
  if (doc.contains("loss_floor")) {
    in.loss_floor = vector_at(doc["loss_floor"], "loss_floor");
    check_size(in.loss_floor, "loss_floor");
  }
  validate(in);  // symmetry, non-negative diagonal
  return in;
}

}  // namespace ps::cli
