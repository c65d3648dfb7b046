#include <catch2/catch.hpp>
#include <set>

#include "core/errors.h"
#include "core/registry.h"

using namespace ps;

TEST_CASE("registry names are unique and every method has a description") {
  std::set<std::string> names;
  for (const auto& m : methods()) {
    CHECK(names.insert(m.name).second);
    CHECK_FALSE(m.description.empty());
    for (const auto& p : m.params) {
      INFO(m.name << "." << p.name);
      CHECK(p.default_value >= p.min_value);
      CHECK(p.default_value <= p.max_value);
    }
  }
  CHECK(names.size() == 14);
}

TEST_CASE("resolve_params fills defaults and rejects unknown names and bad ranges") {
  const auto& fg = find_method("fairgrad");
  auto p = resolve_params(fg, {});
  CHECK(p.at("alpha") == 2.0);
  CHECK(p.at("loss_alpha") == 0.0);
  CHECK(resolve_params(fg, {{"alpha", 5}}).at("alpha") == 5.0);
  CHECK_THROWS_AS(resolve_params(fg, {{"alpah", 5}}), InputError);
  CHECK_THROWS_AS(resolve_params(fg, {{"alpha", -1}}), InputError);
  CHECK_THROWS_AS(resolve_params(find_method("pcgrad"), {{"seed", 1.5}}), InputError);
  CHECK_THROWS_AS(find_method("nope"), InputError);
}

TEST_CASE("parse_assignment reads name=value and rejects the rest") {
  auto [n, v] = parse_assignment("alpha=2.5");
  CHECK(n == "alpha");
  CHECK(v == 2.5);
  CHECK_THROWS_AS(parse_assignment("alpha"), InputError);
  CHECK_THROWS_AS(parse_assignment("alpha=x"), InputError);
  CHECK_THROWS_AS(parse_assignment("alpha=nan"), InputError);
  CHECK_THROWS_AS(parse_assignment("=2"), InputError);
}
