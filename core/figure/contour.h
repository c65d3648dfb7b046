#pragma once
// Contour lines of a ScalarField by marching squares, joined into polylines.
#include <vector>

#include "core/figure/figure_spec.h"

namespace ps::fig {

// The lines where `field` crosses `level`, vertices placed by linear interpolation along cell
// edges, segments joined end to end (closed loops repeat their first point at the end).
// Saddle cells are resolved by the cell-centre average. Cells touching a NaN are skipped.
std::vector<std::vector<Vec2>> contour_lines(const ScalarField& field, double level);

// `count` levels spread over the field's finite values: nice 1-2-5 values strictly inside
// (min, max), or evenly by quantile when `by_quantile` (for fields with long tails).
std::vector<double> contour_levels(const ScalarField& field, int count, bool by_quantile = false);

// Polylines (kind contour, `level` set) for each level, in `color` and `width_pt`.
std::vector<Polyline> contour_polylines(const ScalarField& field, const std::vector<double>& levels,
                                        Color color, double width_pt);

}  // namespace ps::fig
