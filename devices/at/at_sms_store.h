// The SIM's message store ("SM" in AT+CPMS): the SMS that arrived for the SIM and were stored
// per AT+CNMI, read with AT+CMGR/AT+CMGL and deleted with AT+CMGD. A SIM holds a fixed number
// of records, and so does this store: once full, a new message is refused, as a full SIM
// refuses one (the network keeps it; carriersim does not retry).
#ifndef CARRIERSIM_DEVICES_AT_AT_SMS_STORE_H_
#define CARRIERSIM_DEVICES_AT_AT_SMS_STORE_H_

#include <array>
#include <optional>
#include <string>

namespace carriersim {

// An SMS for the SIM. timestamp: the service centre's, as 27.005's <scts>:
// "yy/MM/dd,hh:mm:ss+zz" (zz: the time zone in quarters of an hour).
struct IncomingSms {
  std::string sender;
  std::string text;
  std::string timestamp;
};

struct StoredSms {
  IncomingSms sms;
  bool read = false;  // "REC READ" (1) once AT+CMGR or AT+CMGL showed it, else "REC UNREAD" (0)
};

class SmsStore {
 public:
  static constexpr int kCapacity = 20;
  // Record numbers run from 1 to kCapacity, as SIM records do.
  static constexpr int kFirstIndex = 1;

  // Stores `sms` in the first free record: its index, or nullopt when the store is full.
  std::optional<int> Add(const IncomingSms& sms);
  // The message at `index`, or nullptr when that record is empty or out of range.
  StoredSms* At(int index);
  void Erase(int index);
  int used() const;

 private:
  std::array<std::optional<StoredSms>, kCapacity> records_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_SMS_STORE_H_
