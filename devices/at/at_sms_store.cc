// The SIM's bounded message store: see at_sms_store.h.
#include "devices/at/at_sms_store.h"

namespace carriersim {

std::optional<int> SmsStore::Add(const IncomingSms& sms) {
  for (int i = 0; i < kCapacity; ++i) {
    if (!records_[i]) {
      records_[i] = StoredSms{sms, false};
      return i + kFirstIndex;
    }
  }
  return std::nullopt;
}

StoredSms* SmsStore::At(int index) {
  const int i = index - kFirstIndex;
  if (i < 0 || i >= kCapacity || !records_[i]) return nullptr;
  return &*records_[i];
}

void SmsStore::Erase(int index) {
  const int i = index - kFirstIndex;
  if (i >= 0 && i < kCapacity) records_[i].reset();
}

int SmsStore::used() const {
  int count = 0;
  for (const auto& record : records_) count += record ? 1 : 0;
  return count;
}

}  // namespace carriersim
