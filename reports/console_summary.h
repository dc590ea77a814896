// The short summary `carriersim run` prints, read off summary.json so the two never disagree.
#ifndef CARRIERSIM_REPORTS_CONSOLE_SUMMARY_H_
#define CARRIERSIM_REPORTS_CONSOLE_SUMMARY_H_

#include <nlohmann/json.hpp>
#include <string>

namespace carriersim {

std::string FormatConsoleSummary(const nlohmann::ordered_json& summary);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_CONSOLE_SUMMARY_H_
