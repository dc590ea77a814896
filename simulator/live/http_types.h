// HTTP requests and responses as plain data: the carrier APIs and the control API read and
// write these, and only server.cc knows the HTTP library (RESTinio), so each API can be tested
// by calling it with a request, without a socket.
#ifndef CARRIERSIM_LIVE_HTTP_TYPES_H_
#define CARRIERSIM_LIVE_HTTP_TYPES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carriersim {

using HttpFields = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;                 // "GET", "POST", ...
  std::string path;                   // without the query, as sent
  std::vector<std::string> segments;  // the path split at '/', each percent-decoded
  HttpFields query;                   // decoded, in order
  HttpFields headers;                 // names in lower case
  std::string body;

  // The first value of a header (`name` in lower case) or query parameter, or nullptr.
  const std::string* Header(std::string_view name) const;
  const std::string* Query(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  HttpFields headers;  // besides Content-Type and Content-Length
};

// application/x-www-form-urlencoded (a form body or a query string) into its fields, decoded;
// false on a malformed escape.
bool ParseForm(std::string_view text, HttpFields* fields);
// Percent-decoding; false on a malformed escape. `plus_is_space` for forms.
bool PercentDecode(std::string_view text, bool plus_is_space, std::string* out);
std::string PercentEncode(std::string_view text);
// The credentials of an "Authorization: Basic ..." header, or false.
bool ParseBasicAuth(const std::string* header, std::string* user, std::string* password);
// The token of an "Authorization: Bearer ..." header, or "".
std::string BearerToken(const std::string* header);

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_HTTP_TYPES_H_
