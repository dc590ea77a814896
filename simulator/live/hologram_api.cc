// TODO(issue 13): the Hologram-shaped API, being written.
#include "simulator/live/apis.h"

namespace carriersim {

HttpResponse HologramApi(LiveService&, const HttpRequest&) {
  return ApiError("hologram", 501, "NOT_YET", "not implemented yet");
}

}  // namespace carriersim
