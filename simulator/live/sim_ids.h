// The identifiers the carriers' APIs show for a SIM, stable for a scenario and seed: an IMSI and
// an ICCID (Soracom's simId is the ICCID), a KORE/Twilio SID ("DE" + 32 hex digits) and a
// Hologram device id. Each is computed from the SIM's number and read back by arithmetic, so a
// fleet of millions needs no table: the seed picks where the numbering starts.
//
// IMSIs use the test network 001-01 (ITU-T E.212); ICCIDs the 89 telecom prefix and a Luhn
// check digit, as real ones do.
#ifndef CARRIERSIM_LIVE_SIM_IDS_H_
#define CARRIERSIM_LIVE_SIM_IDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/nas/messages.h"

namespace carriersim {

class SimIds {
 public:
  SimIds(size_t sims, uint64_t seed);

  std::string Imsi(SimId sim) const;
  std::string Iccid(SimId sim) const;
  // The IMEI of the device the SIM is in (AT+CGSN), 15 digits with a Luhn check digit.
  std::string Imei(SimId sim) const;
  std::string Sid(SimId sim) const;
  int64_t DeviceId(SimId sim) const;

  // The SIM a text names, or nullopt when it names none (or a malformed one).
  std::optional<SimId> FromImsi(std::string_view text) const;
  std::optional<SimId> FromIccid(std::string_view text) const;
  std::optional<SimId> FromSid(std::string_view text) const;
  std::optional<SimId> FromDeviceId(std::string_view text) const;

 private:
  std::optional<SimId> FromNumber(uint64_t n) const;
  uint64_t Number(SimId sim) const { return (offset_ + sim) % kNumbers; }

  static constexpr uint64_t kNumbers = 10'000'000'000;  // 10 digits
  size_t sims_;
  uint64_t offset_;  // where the numbering starts, from the seed
  uint64_t sid_mask_;
  uint64_t sid_tag_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_SIM_IDS_H_
