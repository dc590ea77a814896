#include "simulator/observers/recorder.h"

namespace carriersim {

Recorder::Recorder(const SimDirectory& directory, const SpillOptions& spill)
    : directory_(directory),
      history_(spill, directory.scenario().groups.size()),
      sessions_(spill),
      signaling_(directory.scenario().groups.size(), directory.scenario().cells.size()),
      recovery_(directory.size(), spill),
      windows_(directory.scenario()),
      actions_(directory.scenario().timeline.size()) {}

}  // namespace carriersim
