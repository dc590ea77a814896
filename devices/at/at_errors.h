// The error numbers the module reports: +CME ERROR (3GPP TS 27.007 section 9.2, and Quectel's
// TCP/IP codes 550..574 of the BG96/BG95 TCP/IP AT commands manual) and +CMS ERROR (TS 27.005
// section 3.2.5), with the words AT+CMEE=2 prints.
#ifndef CARRIERSIM_DEVICES_AT_AT_ERRORS_H_
#define CARRIERSIM_DEVICES_AT_AT_ERRORS_H_

#include <string_view>

namespace carriersim {

// +CME ERROR numbers (27.007 9.2.1, 9.2.2).
inline constexpr int kCmeOperationNotAllowed = 3;
inline constexpr int kCmeOperationNotSupported = 4;
inline constexpr int kCmeSimNotInserted = 10;
inline constexpr int kCmeSimFailure = 13;
inline constexpr int kCmeNoNetworkService = 30;
inline constexpr int kCmeIncorrectParameters = 50;
inline constexpr int kCmeUnknown = 100;
inline constexpr int kCmeIllegalMs = 103;
inline constexpr int kCmeIllegalMe = 106;
inline constexpr int kCmeGprsNotAllowed = 107;
inline constexpr int kCmeUnspecifiedGprsError = 148;

// Quectel TCP/IP result codes: in +CME ERROR and in +QIOPEN: <connectID>,<err>.
inline constexpr int kQiInvalidParameters = 552;
inline constexpr int kQiOperationNotSupported = 555;
inline constexpr int kQiOpenPdpContextFailed = 561;
inline constexpr int kQiSocketIdentityUsed = 563;
inline constexpr int kQiSocketHasBeenClosed = 567;
inline constexpr int kQiPdpContextBrokenDown = 570;
inline constexpr int kQiOperationNotAllowed = 572;

// +CMS ERROR numbers (27.005 3.2.5).
inline constexpr int kCmsOperationNotAllowed = 302;
inline constexpr int kCmsOperationNotSupported = 303;
inline constexpr int kCmsInvalidPduParameter = 304;
inline constexpr int kCmsInvalidTextParameter = 305;
inline constexpr int kCmsInvalidMemoryIndex = 321;
inline constexpr int kCmsNoNetworkService = 331;
inline constexpr int kCmsUnknown = 500;

// The words of a +CME ERROR number ("operation not allowed"); "unknown" for one not listed.
std::string_view CmeErrorText(int code);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_ERRORS_H_
