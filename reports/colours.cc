#include "reports/colours.h"

#include <algorithm>
#include <cstdint>

namespace carriersim {
namespace {

struct NamedColour {
  std::string_view name;
  const char* colour;
};

// Statuses: in service green, waiting blues and violets, parked ambers, stopped reds, gone greys.
// Fee categories: each its own hue. Series of the signaling and online charts.
constexpr NamedColour kFixed[] = {
    {"active", "#16a34a"},       {"ready", "#60a5fa"},         {"new", "#a5b4fc"},
    {"testing", "#0891b2"},      {"updating", "#8b5cf6"},      {"scheduled", "#c084fc"},
    {"inactive", "#9ca3af"},     {"standby", "#f59e0b"},       {"paused", "#eab308"},
    {"depleted", "#ea580c"},     {"suspended", "#dc2626"},     {"pending-deactivation", "#f97316"},
    {"deactivated", "#78716c"},  {"expired", "#b45309"},       {"canceled", "#44403c"},
    {"terminated", "#1f2937"},   {"basic", "#2563eb"},         {"usage", "#0d9488"},
    {"reactivation", "#dc2626"}, {"renewal", "#7c3aed"},       {"suspension", "#f59e0b"},
    {"other", "#9ca3af"},        {"activation", "#16a34a"},    {"top-up", "#db2777"},
    {"online", "#2563eb"},       {"attempts", "#2563eb"},      {"accepts", "#16a34a"},
    {"rejects", "#dc2626"},      {"#22 congestion", "#f59e0b"}};

// For other names: distinct from one another, and readable on white.
constexpr const char* kHashed[] = {"#0e7490", "#a21caf", "#4d7c0f", "#be123c",
                                   "#1d4ed8", "#c2410c", "#047857", "#6d28d9",
                                   "#b91c1c", "#0369a1", "#854d0e", "#9d174d"};

// FNV-1a: the same value for the same text on every machine (std::hash promises no such thing).
uint32_t Fnv1a(std::string_view text) {
  uint32_t h = 2166136261u;
  for (const char c : text) {
    h ^= static_cast<uint8_t>(c);
    h *= 16777619u;
  }
  return h;
}

// The fixed colour of a standard name, or nullptr.
const char* FixedColour(std::string_view name) {
  for (const NamedColour& c : kFixed) {
    if (c.name == name) return c.colour;
  }
  return nullptr;
}

}  // namespace

const char* ColourOf(std::string_view name) {
  const char* fixed = FixedColour(name);
  return fixed != nullptr ? fixed : kHashed[Fnv1a(name) % (sizeof kHashed / sizeof kHashed[0])];
}

std::vector<std::string> DistinctColours(const std::vector<std::string>& names) {
  static constexpr const char* kSpare[] = {"#2563eb", "#16a34a", "#f59e0b", "#dc2626",
                                           "#7c3aed", "#0891b2", "#db2777", "#65a30d",
                                           "#9ca3af", "#ea580c", "#4f46e5", "#0d9488"};
  std::vector<std::string> colours(names.size());
  const auto taken = [&](const std::string& c) {
    return std::find(colours.begin(), colours.end(), c) != colours.end();
  };
  // The standard names first, so that a group named "active" is green wherever it is listed.
  for (size_t i = 0; i < names.size(); ++i) {
    const char* fixed = FixedColour(names[i]);
    if (fixed != nullptr && !taken(fixed)) colours[i] = fixed;
  }
  // The others: a hash would give two of a handful of names the same colour too often, so the
  // spare colours go in order.
  constexpr size_t kSpares = sizeof kSpare / sizeof kSpare[0];
  constexpr size_t kAll = kSpares + sizeof kHashed / sizeof kHashed[0];
  const auto spare = [](size_t k) { return k < kSpares ? kSpare[k] : kHashed[k - kSpares]; };
  size_t next = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!colours[i].empty()) continue;
    while (next < kAll && taken(spare(next))) ++next;
    colours[i] = next < kAll ? spare(next++) : ColourOf(names[i]);  // else every one is taken
  }
  return colours;
}

}  // namespace carriersim
