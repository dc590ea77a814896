// TODO(issue 13): the Kore-shaped API, being written.
#include "simulator/live/apis.h"

namespace carriersim {

HttpResponse KoreApi(LiveService&, const HttpRequest&) {
  return ApiError("kore", 501, "NOT_YET", "not implemented yet");
}

}  // namespace carriersim
