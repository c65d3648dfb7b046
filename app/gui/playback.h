#pragma once
// Playback of the trajectories as an animation: a cursor in simulation steps that advances with
// wall time while playing. Views draw each trajectory up to cursor(). Pure model, no ImGui.
namespace ps::gui {

class Playback {
 public:
  // At speed 1 the whole run (the longest trajectory) plays in this many seconds.
  static constexpr double kSecondsAtSpeed1 = 6.0;

  // The number of steps of the longest trajectory; the cursor is clamped to it. A new result
  // that is not being played shows in full (cursor at the end).
  void set_length(int last_step);
  int length() const { return length_; }

  bool playing() const { return playing_; }
  // Play from the start when at the end; otherwise continue from the cursor.
  void play();
  void pause() { playing_ = false; }
  void toggle() { playing_ ? pause() : play(); }
  // Full trajectories, paused.
  void show_all();

  // Moves the cursor (pauses playback: the user has taken the scrubber).
  void scrub(double step);
  double cursor() const { return cursor_; }
  bool at_end() const { return cursor_ >= length_; }
  // Cursor as a fraction of the length, in [0, 1].
  double fraction() const { return length_ > 0 ? cursor_ / length_ : 1.0; }

  double speed() const { return speed_; }
  void set_speed(double s);  // clamped to [kMinSpeed, kMaxSpeed]
  static constexpr double kMinSpeed = 0.05, kMaxSpeed = 20.0;

  // Advances by dt seconds of wall time; stops at the end. True while the view must animate.
  bool advance(double dt);

 private:
  int length_ = 0;
  double cursor_ = 0;
  double speed_ = 1.0;
  bool playing_ = false;
  bool pending_ = false;  // play() or scrub() came before any run: apply to the first one
};

}  // namespace ps::gui
