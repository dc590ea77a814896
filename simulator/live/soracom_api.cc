// TODO(issue 13): the Soracom-shaped API, being written.
#include "simulator/live/apis.h"

namespace carriersim {

HttpResponse SoracomApi(LiveService&, const HttpRequest&) {
  return ApiError("soracom", 501, "NOT_YET", "not implemented yet");
}

}  // namespace carriersim
