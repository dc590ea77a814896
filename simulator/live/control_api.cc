// TODO(issue 13): the control API, being written.
#include "simulator/live/apis.h"

namespace carriersim {

HttpResponse ControlApi(LiveService&, const ControlHooks&, const HttpRequest&) {
  return ApiError("", 501, "NOT_YET", "not implemented yet");
}

}  // namespace carriersim
