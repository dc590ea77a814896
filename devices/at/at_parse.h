// Splits the body of one command line (what follows "AT", before the CR) into its commands, as
// V.250 section 5.2 writes them: basic commands one after the other ("E0V1", "&F", "S3=13",
// "I"), extended ones ("+CMEE=1", "+QIACT?", vendor "^X", "$X", "*X", "#X", "%X") separated by
// ';'. Spaces outside quotes are ignored and names are upper-cased; quoted strings are kept as
// typed.
#ifndef CARRIERSIM_DEVICES_AT_AT_PARSE_H_
#define CARRIERSIM_DEVICES_AT_AT_PARSE_H_

#include <optional>
#include <string_view>
#include <vector>

#include "devices/at/at_command.h"

namespace carriersim {

// The commands of `body`, in order; nullopt for a syntax error (an unterminated quote, a
// character that starts no command). An empty body ("AT") has no commands.
std::optional<std::vector<AtCommand>> ParseCommandLine(std::string_view body);

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_AT_AT_PARSE_H_
