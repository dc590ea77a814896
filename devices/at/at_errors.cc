// The words of the +CME ERROR numbers: see at_errors.h.
#include "devices/at/at_errors.h"

namespace carriersim {

namespace {

struct CmeText {
  int code;
  std::string_view text;
};

// 27.007 9.2.1 and 9.2.2 as written there; 550..574 as Quectel's manuals write them.
constexpr CmeText kCmeTexts[] = {
    {0, "phone failure"},
    {1, "no connection to phone"},
    {3, "operation not allowed"},
    {4, "operation not supported"},
    {10, "SIM not inserted"},
    {11, "SIM PIN required"},
    {13, "SIM failure"},
    {14, "SIM busy"},
    {30, "no network service"},
    {31, "network timeout"},
    {50, "incorrect parameters"},
    {100, "unknown"},
    {103, "illegal MS"},
    {106, "illegal ME"},
    {107, "GPRS services not allowed"},
    {111, "PLMN not allowed"},
    {112, "location area not allowed"},
    {113, "roaming not allowed in this location area"},
    {148, "unspecified GPRS error"},
    {149, "PDP authentication failure"},
    {550, "Unknown error"},
    {551, "Operation blocked"},
    {552, "Invalid parameters"},
    {553, "Memory not enough"},
    {554, "Create socket failed"},
    {555, "Operation not supported"},
    {556, "Socket bind failed"},
    {557, "Socket listen failed"},
    {558, "Socket write failed"},
    {559, "Socket read failed"},
    {560, "Socket accept failed"},
    {561, "Open PDP context failed"},
    {562, "Close PDP context failed"},
    {563, "Socket identity has been used"},
    {564, "DNS busy"},
    {565, "DNS parse failed"},
    {566, "Socket connect failed"},
    {567, "Socket has been closed"},
    {568, "Operation busy"},
    {569, "Operation timeout"},
    {570, "PDP context broken down"},
    {571, "Cancel send"},
    {572, "Operation not allowed"},
    {573, "APN not configured"},
    {574, "Port busy"},
};

}  // namespace

std::string_view CmeErrorText(int code) {
  for (const CmeText& entry : kCmeTexts) {
    if (entry.code == code) return entry.text;
  }
  return "unknown";
}

}  // namespace carriersim
