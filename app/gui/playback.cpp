#include "app/gui/playback.h"

#include <algorithm>

namespace ps::gui {

void Playback::set_length(int last_step) {
  const bool was_full = at_end() && !pending_;
  length_ = std::max(0, last_step);
  if (!playing_ && was_full) cursor_ = length_;
  cursor_ = std::clamp(cursor_, 0.0, static_cast<double>(length_));
  pending_ = false;
}

void Playback::play() {
  if (at_end() && length_ > 0) cursor_ = 0;
  playing_ = true;
  pending_ = length_ == 0;  // no run yet: start when the first one comes
}

void Playback::show_all() {
  playing_ = false;
  cursor_ = length_;
}

void Playback::scrub(double step) {
  playing_ = false;
  // Before the first run (a --at on the command line) the cursor waits for its length.
  pending_ = length_ == 0;
  cursor_ = pending_ ? std::max(0.0, step) : std::clamp(step, 0.0, static_cast<double>(length_));
}

void Playback::set_speed(double s) { speed_ = std::clamp(s, kMinSpeed, kMaxSpeed); }

bool Playback::advance(double dt) {
  if (!playing_) return false;
  if (length_ == 0) return true;  // waiting for the first run
  cursor_ += std::max(0.0, dt) * speed_ * length_ / kSecondsAtSpeed1;
  if (cursor_ >= length_) {
    cursor_ = length_;
    playing_ = false;
  }
  return true;
}

}  // namespace ps::gui
