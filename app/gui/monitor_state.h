#pragma once
// The monitor plots' own state between frames: cached panels (rebuilt when the data, the view
// options or the visible range change), one PlotView per plot, the hover position.
// (Owned by panel_monitor*.cpp; filled in there.)
#include <cstdint>

namespace ps::gui {

struct MonitorState {
  double hover_x = -1;  // x under the cursor in any monitor plot (NaN/-1: none)
};

}  // namespace ps::gui
