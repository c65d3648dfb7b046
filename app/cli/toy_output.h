#pragma once
// Writes a toy simulation as JSON or CSV, streamed point by point (50,000 steps x 5 starts is
// too many points to build a JSON tree for). Schemas: docs/cli.md.
//
// JSON: {"settings": {...}, "runs": [{"start": [x1, x2], "stop": {"reason", "step", "detail"},
//        "points": [{"step", "x": [2], "losses": [2], "weights": [2], "rates": [2]}, ...]}, ...]}
// CSV:  run,start_x1,start_x2,step,x1,x2,l1,l2,w1,w2,r1,r2,stop,stop_detail
//        stop and stop_detail are empty except on the last row of each run.
#include <iosfwd>
#include <nlohmann/json.hpp>

#include "toy/simulator.h"

namespace ps::cli {

// The settings as run, with the method's parameters resolved (defaults filled in).
nlohmann::ordered_json toy_settings_json(const toy::SimSettings& s, const ParamValues& resolved);

void write_toy_json(std::ostream& os, const toy::SimResult& r, const nlohmann::ordered_json& settings);
void write_toy_csv(std::ostream& os, const toy::SimResult& r);

// The CSV header line, without the newline.
const char* toy_csv_header();

}  // namespace ps::cli
