// `variant:` and `where:` on an expectation: which runs of a family it is checked in.
#include "simulator/scenario/loader_internal.h"
#include "simulator/scenario/parameters_internal.h"

namespace carriersim {

bool ScenarioLoader::AppliesToRun(MapFields& fields) {
  const Field variant = fields.Optional("variant");
  const Field where = fields.Optional("where");
  if (!variant.present() && !where.present()) return true;
  if (spec_ == nullptr || !spec_->parameterized) {
    reader_.Error(variant.present() ? variant : where,
                  "'variant' and 'where' choose among the runs of a family; this scenario has no "
                  "variants or sweep");
    return false;
  }
  bool applies = true;
  if (variant.present()) {
    if (std::optional<std::string> name = reader_.Name(variant)) {
      std::vector<std::string> names;
      for (const VariantDef& v : spec_->variants) names.push_back(v.name);
      if (std::find(names.begin(), names.end(), *name) == names.end()) {
        reader_.Error(variant, "no variant " + Quoted(*name) + DidYouMean(*name, names) +
                                   "; variants: " + QuotedList(names));
        return false;
      }
      applies = *name == spec_->variants[point_->variant].name;
    } else {
      return false;
    }
  }
  if (!where.present()) return applies;
  const std::vector<const ParamValue*> bindings = BindingsOf(*spec_, *point_);
  MapFields pairs(reader_, where);
  for (const Field& pair : pairs.Entries()) {
    const std::string name = pair.key.Scalar();
    size_t p = 0;
    while (p < spec_->parameters.size() && spec_->parameters[p].name != name) ++p;
    if (p == spec_->parameters.size()) {
      reader_.Error(Field{pair.key, pair.key, pair.path},
                    "no parameter " + Quoted(name) + DidYouMean(name, ParameterNames(*spec_)));
      return false;
    }
    const std::optional<std::string> text = reader_.Text(pair);
    if (!text) return false;
    applies = applies && *text == bindings[p]->text;
  }
  pairs.Finish();
  return applies;
}

}  // namespace carriersim
