// The words of the SMS an API sends to a SIM, kept until the SIM's virtual modem announces
// them (+CMTI, +CMT): the world counts the commands a SIM receives, it does not carry their
// text (a replay needs only the count). Kept for the devices of external firmware only, and
// at most as many per SIM as a modem's store holds, so nothing grows without bound.
#ifndef CARRIERSIM_LIVE_SMS_TEXTS_H_
#define CARRIERSIM_LIVE_SMS_TEXTS_H_

#include <deque>
#include <map>
#include <string>

#include "simulator/nas/messages.h"

namespace carriersim {

struct SmsTexts {
  static constexpr size_t kMaxPerSim = 20;
  std::map<SimId, std::deque<std::string>> pending;

  void Add(SimId sim, std::string text) {
    std::deque<std::string>& q = pending[sim];
    if (q.size() == kMaxPerSim) q.pop_front();
    q.push_back(std::move(text));
  }
  // Forgets the text just added for `sim` (the SMS was refused).
  void DropNewest(SimId sim) {
    const auto it = pending.find(sim);
    if (it == pending.end()) return;
    it->second.pop_back();
    if (it->second.empty()) pending.erase(it);
  }
  // The oldest text waiting for `sim`, or `fallback` when the SMS came from the scenario.
  std::string Take(SimId sim, const std::string& fallback) {
    const auto it = pending.find(sim);
    if (it == pending.end() || it->second.empty()) return fallback;
    std::string text = std::move(it->second.front());
    it->second.pop_front();
    if (it->second.empty()) pending.erase(it);
    return text;
  }
};

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_SMS_TEXTS_H_
